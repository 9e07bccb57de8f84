import { InvalidArgumentError } from './errors';
import { tableaus } from './solver-tableaus';
import type { SolveOptions, SolverName } from './types';

export interface ResolvedOptions {
  method: SolverName;
  rtol: number;
  atol: number;
  maxSteps: number;
  stepSize?: number;
  adaptive: boolean;
}

/** Checks `ts` (finite, ≥ 2 points, strictly monotonic) and returns it as float64 numbers. */
export function checkTimes(ts: ArrayLike<number>): number[] {
  const times = Array.from(ts ?? [], Number);
  if (times.length < 2) {
    throw new InvalidArgumentError(`ts has ${times.length} point(s): give at least a start and an end time`);
  }
  times.forEach((t, i) => {
    if (!Number.isFinite(t)) throw new InvalidArgumentError(`ts[${i}] = ${t}: every output time must be finite`);
  });
  const direction = Math.sign(times[1] - times[0]);
  for (let i = 1; i < times.length; i++) {
    if (direction === 0 || Math.sign(times[i] - times[i - 1]) !== direction) {
      throw new InvalidArgumentError(
        `ts must be strictly increasing or strictly decreasing, but ts[${i - 1}] = ${times[i - 1]} and ts[${i}] = ${times[i]}`,
      );
    }
  }
  return times;
}

export function resolveOptions(options: SolveOptions): ResolvedOptions {
  const method = options.method ?? 'dopri5';
  // Own keys only: 'toString' or 'constructor' would otherwise find Object.prototype's members.
  const tableau = Object.hasOwn(tableaus, method) ? tableaus[method] : undefined;
  if (!tableau) {
    throw new InvalidArgumentError(`unknown method "${method}": use one of ${Object.keys(tableaus).join(', ')}`);
  }
  const rtol = options.rtol ?? 1e-7;
  const atol = options.atol ?? 1e-9;
  if (!(rtol > 0 && Number.isFinite(rtol))) throw new InvalidArgumentError(`rtol = ${rtol}: tolerances must be finite and > 0`);
  if (!(atol > 0 && Number.isFinite(atol))) throw new InvalidArgumentError(`atol = ${atol}: tolerances must be finite and > 0`);
  const maxSteps = options.maxSteps ?? 10_000;
  if (!(Number.isInteger(maxSteps) && maxSteps > 0)) {
    throw new InvalidArgumentError(`maxSteps = ${maxSteps}: must be a positive integer`);
  }
  const adaptive = tableau.bError !== undefined;
  const stepSize = options.stepSize;
  if (stepSize !== undefined && !(stepSize > 0 && Number.isFinite(stepSize))) {
    throw new InvalidArgumentError(`stepSize = ${stepSize}: must be a positive finite number (the sign follows ts)`);
  }
  if (!adaptive && stepSize === undefined) {
    throw new InvalidArgumentError(`method "${method}" is fixed-step: give options.stepSize`);
  }
  return { method, rtol, atol, maxSteps, stepSize, adaptive };
}
