// What the model decides over the input space: P(outer) over the plane with the training points (annuli),
// or the learned map x ↦ x(1) beside the target −x (reflection).
import { mixedRgb } from './color';
import { legend } from './legend';
import { colors, Frame } from './frame';
import type { Answer } from './snapshot';
import type { Task } from './tasks';

function drawPlane(canvas: HTMLCanvasElement, answer: Extract<Answer, { kind: 'plane' }>, task: Task): void {
  const { low, high, resolution, values } = answer;
  const range = { min: low, max: high };
  const frame = new Frame(canvas, { x: range, y: range, xLabel: 'x₁', yLabel: 'x₂' });
  const { ctx } = frame;
  // One pixel per grid cell, y rising upwards, scaled over the plot area with smoothing.
  const cells = new ImageData(resolution, resolution);
  values.forEach((p, i) => {
    const [r, g, b] = mixedRgb(p, 0.55);
    const pixel = 4 * ((resolution - 1 - Math.floor(i / resolution)) * resolution + (i % resolution));
    cells.data.set([r, g, b, 255], pixel);
  });
  const image = document.createElement('canvas');
  [image.width, image.height] = [resolution, resolution];
  image.getContext('2d')!.putImageData(cells, 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(image, frame.px(low), frame.py(high), frame.px(high) - frame.px(low), frame.py(low) - frame.py(high));
  const { x, target } = task.points;
  for (let i = 0; i < target.length; i++) {
    ctx.beginPath();
    ctx.arc(frame.px(x[2 * i]), frame.py(x[2 * i + 1]), 3, 0, 2 * Math.PI);
    ctx.fillStyle = target[i] === 1 ? colors.outer : colors.inner;
    ctx.fill();
    ctx.strokeStyle = '#ffffff';
    ctx.lineWidth = 0.8;
    ctx.stroke();
  }
  frame.drawAxes();
  legend(frame, [['inner', colors.inner, 'dot'], ['outer', colors.outer, 'dot'], ['shade: P(outer)', colors.axis, 'none']]);
}

function drawLine(canvas: HTMLCanvasElement, answer: Extract<Answer, { kind: 'line' }>): void {
  const { xs, values } = answer;
  const frame = new Frame(canvas, { x: { min: xs[0], max: xs[xs.length - 1] }, y: { min: -1.6, max: 1.6 }, xLabel: 'x(0)', yLabel: 'x(1)' });
  const { ctx } = frame;
  ctx.setLineDash([5, 4]);
  ctx.strokeStyle = colors.axis;
  ctx.lineWidth = 1.2;
  ctx.beginPath();
  ctx.moveTo(frame.px(xs[0]), frame.py(-xs[0]));
  ctx.lineTo(frame.px(xs[xs.length - 1]), frame.py(-xs[xs.length - 1]));
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.strokeStyle = colors.outer;
  ctx.lineWidth = 2.2;
  ctx.beginPath();
  xs.forEach((x, i) => (i === 0 ? ctx.moveTo : ctx.lineTo).call(ctx, frame.px(x), frame.py(Math.max(-1.6, Math.min(1.6, values[i])))));
  ctx.stroke();
  frame.drawAxes();
  legend(frame, [['learned map', colors.outer, 'line'], ['target −x', colors.axis, 'dashed']]);
}

export function drawBoundary(canvas: HTMLCanvasElement, answer: Answer, task: Task): void {
  if (answer.kind === 'plane') drawPlane(canvas, answer, task);
  else drawLine(canvas, answer);
}
