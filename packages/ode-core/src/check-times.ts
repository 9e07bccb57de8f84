import { InvalidArgumentError } from './errors';

/** Checks output times (finite, ≥ 2 points, strictly monotonic; `what` names them) and returns them as float64 numbers. */
export function checkTimes(ts: ArrayLike<number>, what = 'ts'): number[] {
  const times = Array.from(ts ?? [], Number);
  if (times.length < 2) {
    throw new InvalidArgumentError(`${what} has ${times.length} point(s): give at least a start and an end time`);
  }
  times.forEach((t, i) => {
    if (!Number.isFinite(t)) throw new InvalidArgumentError(`${what}[${i}] = ${t}: every output time must be finite`);
  });
  const direction = Math.sign(times[1] - times[0]);
  for (let i = 1; i < times.length; i++) {
    if (direction === 0 || Math.sign(times[i] - times[i - 1]) !== direction) {
      throw new InvalidArgumentError(
        `${what} must be strictly increasing or strictly decreasing, but ${what}[${i - 1}] = ${times[i - 1]} and ${what}[${i}] = ${times[i]}`,
      );
    }
  }
  return times;
}
