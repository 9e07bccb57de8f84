import { InvalidArgumentError } from './errors';
import { SeededRandom } from '@tfode/seeded-random';
import type { TimeBasis } from './time-basis';
import { requireFiniteTime, requirePositiveInteger } from './validate';

export interface RandomFourierOptions {
  /** Integer seed: the same seed gives the same ζ and η. */
  seed: number;
  /** Standard deviation of the frequencies ζ (radians per unit of t); default 1. */
  scale?: number;
}

export interface RandomFourierBasis extends TimeBasis {
  /** ζ_k ~ N(0, scale²), drawn first, in order k = 1 … d. */
  readonly zeta: Float64Array;
  /** η_k ~ U[0, 2π), drawn after all of ζ. */
  readonly eta: Float64Array;
}

/** Random features ψ_k(t) = cos(ζ_k t + η_k) (NANODE §2.3.1 Eq 9–10). */
export function randomFourier(d: number, { seed, scale = 1 }: RandomFourierOptions): RandomFourierBasis {
  requirePositiveInteger('randomFourier size d', d);
  if (!Number.isFinite(scale) || scale <= 0) {
    throw new InvalidArgumentError(`randomFourier scale must be a finite number > 0, got ${scale}`);
  }
  const random = new SeededRandom(seed);
  const zeta = Float64Array.from({ length: d }, () => scale * random.normal());
  const eta = Float64Array.from({ length: d }, () => 2 * Math.PI * random.uniform());
  return {
    size: d,
    zeta,
    eta,
    frequencies: Float32Array.from(zeta, Math.abs),
    evaluate(t: number): Float32Array {
      requireFiniteTime(t);
      const psi = new Float32Array(d);
      for (let k = 0; k < d; k++) psi[k] = Math.cos(zeta[k] * t + eta[k]); // Eq. 10
      return psi;
    },
  };
}
