// A training curve over the steps (loss, NFE), with an optional horizontal reference line.
import { colors, Frame, rangeOf } from './frame';

export interface CurveOptions {
  yLabel: string;
  logY?: boolean;
  color?: string;
  /** A level to compare with (the reflection's floor var(x)), drawn dashed with its label. */
  reference?: { value: number; label: string };
  /** Steps the run will take (the x axis' length). */
  steps: number;
}

export function drawCurve(canvas: HTMLCanvasElement, values: number[], options: CurveOptions): void {
  const finite = [...values, ...(options.reference ? [options.reference.value] : [])].filter((v) => Number.isFinite(v) && (!options.logY || v > 0));
  const shown = finite.length > 0 ? finite : [1];
  const y = options.logY
    ? { min: Math.min(...shown) / 1.5, max: Math.max(...shown) * 1.5 }
    : { min: Math.min(0, ...shown), max: rangeOf(shown, 0.08).max };
  const frame = new Frame(canvas, { x: { min: 0, max: Math.max(options.steps - 1, 1) }, y, xLabel: 'step', yLabel: options.yLabel, logY: options.logY });
  const { ctx } = frame;
  if (options.reference) {
    ctx.setLineDash([5, 4]);
    ctx.strokeStyle = colors.axis;
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(frame.px(0), frame.py(options.reference.value));
    ctx.lineTo(frame.px(options.steps - 1), frame.py(options.reference.value));
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.font = '11px system-ui, sans-serif';
    ctx.fillStyle = colors.text;
    ctx.textAlign = 'right';
    ctx.fillText(options.reference.label, frame.px(options.steps - 1) - 4, frame.py(options.reference.value) - 4);
  }
  ctx.strokeStyle = options.color ?? colors.outer;
  ctx.lineWidth = 1.8;
  ctx.beginPath();
  values.forEach((v, step) => (step === 0 ? ctx.moveTo : ctx.lineTo).call(ctx, frame.px(step), frame.py(v)));
  ctx.stroke();
  frame.drawAxes();
}
