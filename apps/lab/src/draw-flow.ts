// The flow of the points: trajectories x(t), t ∈ [0, 1], of a sample of inputs, coloured by class (annuli)
// or by starting value (reflection).
import { between } from './color';
import { colors, Frame, rangeOf } from './frame';
import { legend } from './legend';
import type { Snapshot } from './snapshot';
import type { Task } from './tasks';

function dot(frame: Frame, x: number, y: number, color: string, filled: boolean): void {
  const { ctx } = frame;
  ctx.beginPath();
  ctx.arc(frame.px(x), frame.py(y), filled ? 3.5 : 3, 0, 2 * Math.PI);
  if (filled) {
    ctx.fillStyle = color;
    ctx.fill();
  } else {
    ctx.strokeStyle = color;
    ctx.lineWidth = 1.5;
    ctx.stroke();
  }
}

/** Plane flows: the first two state coordinates, hollow at x(0), a dot at x(1). */
function drawPlaneFlows(canvas: HTMLCanvasElement, snap: Snapshot, groups: number[]): void {
  const range = rangeOf(snap.flows.flat().flatMap((state) => [state[0], state[1]]));
  const frame = new Frame(canvas, { x: range, y: range, xLabel: 'x₁(t)', yLabel: 'x₂(t)' });
  const { ctx } = frame;
  groups.forEach((group, i) => {
    const color = between(group);
    ctx.strokeStyle = between(group, 0.45);
    ctx.lineWidth = 1.2;
    ctx.beginPath();
    snap.flows.forEach((atTime, k) => (k === 0 ? ctx.moveTo : ctx.lineTo).call(ctx, frame.px(atTime[i][0]), frame.py(atTime[i][1])));
    ctx.stroke();
    dot(frame, snap.flows[0][i][0], snap.flows[0][i][1], color, false);
    const end = snap.flows[snap.flows.length - 1][i];
    dot(frame, end[0], end[1], color, true);
  });
  frame.drawAxes();
  legend(frame, [['x(0)', colors.axis, 'ring'], ['x(1)', colors.axis, 'dot'], ['inner', colors.inner, 'dot'], ['outer', colors.outer, 'dot']]);
}

/** Line flows: x(t) over t, each start's target −x(0) marked by a cross at t = 1. */
function drawLineFlows(canvas: HTMLCanvasElement, snap: Snapshot, starts: number[]): void {
  const range = rangeOf([...snap.flows.flat().map((state) => state[0]), -1, 1]);
  const frame = new Frame(canvas, { x: { min: 0, max: 1.04 }, y: range, xLabel: 't', yLabel: 'x(t)' });
  const { ctx } = frame;
  starts.forEach((start, i) => {
    const color = between((start + 1) / 2);
    ctx.strokeStyle = color;
    ctx.lineWidth = 1.8;
    ctx.beginPath();
    snap.times.forEach((t, k) => (k === 0 ? ctx.moveTo : ctx.lineTo).call(ctx, frame.px(t), frame.py(snap.flows[k][i][0])));
    ctx.stroke();
    const [cx, cy] = [frame.px(1), frame.py(-start)];
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    ctx.moveTo(cx - 4, cy - 4);
    ctx.lineTo(cx + 4, cy + 4);
    ctx.moveTo(cx - 4, cy + 4);
    ctx.lineTo(cx + 4, cy - 4);
    ctx.stroke();
  });
  frame.drawAxes();
  legend(frame, [['x(t) from x(0) ∈ [−1, 1]', between(0.2), 'line'], ['target −x(0)', colors.axis, 'cross']]);
}

export function drawFlow(canvas: HTMLCanvasElement, snap: Snapshot, task: Task): void {
  if (task.dims === 2) drawPlaneFlows(canvas, snap, task.flowGroups);
  else drawLineFlows(canvas, snap, task.flowGroups);
}
