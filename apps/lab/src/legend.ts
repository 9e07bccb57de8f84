// A one-line legend in the top-left corner of a frame's plot area.
import { colors, type Frame } from './frame';

export type Mark = 'dot' | 'ring' | 'line' | 'dashed' | 'cross' | 'none';

function drawMark(ctx: CanvasRenderingContext2D, mark: Mark, color: string, x: number, y: number): number {
  ctx.strokeStyle = color;
  ctx.fillStyle = color;
  ctx.lineWidth = 1.5;
  ctx.setLineDash(mark === 'dashed' ? [4, 3] : []);
  ctx.beginPath();
  switch (mark) {
    case 'dot': ctx.arc(x + 4, y, 3.5, 0, 2 * Math.PI); ctx.fill(); return 12;
    case 'ring': ctx.arc(x + 4, y, 3, 0, 2 * Math.PI); ctx.stroke(); return 12;
    case 'cross': ctx.moveTo(x, y - 4); ctx.lineTo(x + 8, y + 4); ctx.moveTo(x, y + 4); ctx.lineTo(x + 8, y - 4); ctx.stroke(); return 12;
    case 'line':
    case 'dashed': ctx.moveTo(x, y); ctx.lineTo(x + 16, y); ctx.stroke(); ctx.setLineDash([]); return 20;
    case 'none': return 0;
  }
}

/** Draws [label, colour, mark] entries in a row on a white band at the top of the plot area. */
export function legend(frame: Frame, entries: Array<[string, string, Mark]>): void {
  const { ctx } = frame;
  ctx.font = '11px system-ui, sans-serif';
  const width = entries.reduce((w, [label, , mark]) => w + ctx.measureText(label).width + (mark === 'none' ? 0 : 20) + 10, 4);
  const [left, top] = [frame.px(frame.options.x.min) + 1, 11];
  ctx.fillStyle = 'rgba(255, 255, 255, 0.85)';
  ctx.fillRect(left, top, width, 16);
  let x = left + 5;
  for (const [label, color, mark] of entries) {
    x += drawMark(ctx, mark, color, x, top + 8);
    ctx.fillStyle = colors.text;
    ctx.textAlign = 'left';
    ctx.fillText(label, x, top + 12);
    x += ctx.measureText(label).width + 10;
  }
}
