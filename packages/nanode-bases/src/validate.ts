import { InvalidArgumentError } from './errors';

/** A closed time interval [start, end] with start < end. */
export type Span = readonly [number, number];

export function requirePositiveInteger(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) {
    throw new InvalidArgumentError(`${name} must be a positive integer, got ${value}`);
  }
}

export function requireSpan(name: string, span: Span): void {
  const [start, end] = span;
  if (!Number.isFinite(start) || !Number.isFinite(end) || !(start < end)) {
    throw new InvalidArgumentError(
      `${name} must be [start, end] with finite start < end, got [${start}, ${end}]`,
    );
  }
}

export function requireFiniteTime(t: number): void {
  if (!Number.isFinite(t)) {
    throw new InvalidArgumentError(`time t must be a finite number, got ${t}`);
  }
}

export function requireShape(name: string, shape: readonly number[]): void {
  if (shape.length === 0 || !shape.every((d) => Number.isInteger(d) && d >= 1)) {
    throw new InvalidArgumentError(
      `${name} must be a non-empty list of positive integers, got [${shape.join(', ')}]`,
    );
  }
}

/** Maps t ∈ [start, end] affinely onto x ∈ [−1, 1] (polynomial bases are defined there). */
export function toUnitInterval(t: number, [start, end]: Span): number {
  return (2 * t - start - end) / (end - start);
}
