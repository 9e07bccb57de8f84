import { InvalidArgumentError } from './errors';
import { SeededRandom } from '@tfode/seeded-random';
import type { TimeBasis } from './time-basis';

/**
 * How to fill a coefficient tensor: all zeros, seeded N(0, std²) draws, or given values
 * (row-major, length = number of coefficients).
 */
export type CoefficientInit = 'zeros' | { std: number; seed: number } | ArrayLike<number>;

/** The initial coefficient values, checked against the expected count. */
export function initialValues(init: CoefficientInit, count: number): Float32Array {
  if (init === 'zeros') return new Float32Array(count);
  if ('std' in init) {
    if (!Number.isFinite(init.std) || init.std < 0) {
      throw new InvalidArgumentError(`init.std must be a finite number ≥ 0, got ${init.std}`);
    }
    return new SeededRandom(init.seed).normals(count, init.std);
  }
  if (init.length !== count) {
    throw new InvalidArgumentError(`init has ${init.length} values; expected ${count} coefficients`);
  }
  const values = Float32Array.from(init);
  if (!values.every(Number.isFinite)) {
    throw new InvalidArgumentError('init values must all be finite numbers');
  }
  return values;
}

/** Mean of ‖ψ(t)‖² over 33 evenly spaced t in [0, 1], the usual depth domain of a NODE block. */
export function meanSquareNorm(basis: TimeBasis): number {
  const samples = 33;
  let total = 0;
  for (let i = 0; i < samples; i++) {
    for (const value of basis.evaluate(i / (samples - 1))) total += value * value;
  }
  return total / samples;
}

/**
 * Standard deviation of coefficients α such that W(t) = Σ ψ_k(t) α_k has variance gain²/fanIn
 * (LeCun normal) on average over t ∈ [0, 1].
 */
export function lecunCoefficientStd(basis: TimeBasis, fanIn: number, gain: number): number {
  return gain / Math.sqrt(fanIn * meanSquareNorm(basis));
}
