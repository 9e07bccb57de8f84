// A plotting frame on a 2D canvas: the data ranges mapped into the canvas inside margins, with axes.

export interface Range {
  min: number;
  max: number;
}

export interface FrameOptions {
  x: Range;
  y: Range;
  xLabel: string;
  yLabel: string;
  /** Plot log10 of y (values must be > 0). */
  logY?: boolean;
}

export const colors = {
  background: '#ffffff',
  axis: '#475569',
  grid: '#e2e8f0',
  text: '#1e293b',
  inner: '#2563eb',
  outer: '#ea580c',
};

const margin = { left: 46, right: 10, top: 10, bottom: 34 };

/** Drawing coordinates of one canvas: px(x), py(y) in CSS pixels; the canvas is cleared and its axes drawn. */
export class Frame {
  readonly ctx: CanvasRenderingContext2D;
  readonly width: number;
  readonly height: number;

  constructor(readonly canvas: HTMLCanvasElement, readonly options: FrameOptions) {
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('this browser has no 2D canvas');
    this.ctx = ctx;
    this.width = canvas.width;
    this.height = canvas.height;
    ctx.fillStyle = colors.background;
    ctx.fillRect(0, 0, this.width, this.height);
  }

  private yValue(y: number): number {
    return this.options.logY ? Math.log10(y) : y;
  }

  private yRange(): Range {
    const { y, logY } = this.options;
    return logY ? { min: Math.log10(y.min), max: Math.log10(y.max) } : y;
  }

  px(x: number): number {
    const { min, max } = this.options.x;
    return margin.left + ((x - min) / (max - min)) * (this.width - margin.left - margin.right);
  }

  py(y: number): number {
    const { min, max } = this.yRange();
    return this.height - margin.bottom - ((this.yValue(y) - min) / (max - min)) * (this.height - margin.top - margin.bottom);
  }

  /** Tick marks, grid lines and labels; call after filling the plot area so they stay visible. */
  drawAxes(): void {
    const { ctx } = this;
    const { x, xLabel, yLabel, logY } = this.options;
    ctx.font = '11px system-ui, sans-serif';
    ctx.fillStyle = colors.text;
    ctx.strokeStyle = colors.axis;
    ctx.lineWidth = 1;
    ctx.strokeRect(margin.left, margin.top, this.width - margin.left - margin.right, this.height - margin.top - margin.bottom);
    ctx.textAlign = 'center';
    for (const t of ticks(x)) ctx.fillText(label(t), this.px(t), this.height - margin.bottom + 13);
    ctx.fillText(xLabel, (margin.left + this.width - margin.right) / 2, this.height - 6);
    ctx.textAlign = 'right';
    const yTicks = logY ? ticks(this.yRange()).filter(Number.isInteger).map((e) => 10 ** e) : ticks(this.options.y);
    for (const t of yTicks) ctx.fillText(label(t), margin.left - 4, this.py(t) + 4);
    ctx.save();
    ctx.translate(11, (margin.top + this.height - margin.bottom) / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textAlign = 'center';
    ctx.fillText(yLabel, 0, 0);
    ctx.restore();
  }
}

/** About five round tick values inside the range. */
function ticks({ min, max }: Range): number[] {
  const step = 10 ** Math.floor(Math.log10((max - min) / 4));
  const size = [1, 2, 5, 10].map((m) => m * step).find((s) => (max - min) / s <= 6) ?? 10 * step;
  const out: number[] = [];
  for (let t = Math.ceil(min / size) * size; t <= max + 1e-9 * size; t += size) out.push(Number(t.toPrecision(12)));
  return out;
}

function label(value: number): string {
  return Math.abs(value) >= 1e4 || (value !== 0 && Math.abs(value) < 1e-2) ? value.toExponential(0) : String(Number(value.toPrecision(3)));
}

/** The smallest range holding every value, widened by `pad` of its size on each side (never empty). */
export function rangeOf(values: Iterable<number>, pad = 0.05): Range {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  if (min === Infinity) return { min: 0, max: 1 };
  const size = max - min || Math.abs(max) || 1;
  return { min: min - pad * size, max: max + pad * size };
}
