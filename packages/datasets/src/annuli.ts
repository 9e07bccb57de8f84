import { createDataset, type ArrayDataset } from './dataset';
import { InvalidArgumentError } from './errors';
import { SeededRandom } from '@tfode/seeded-random';

export interface AnnuliOptions {
  numPoints: number;
  /** Dimension d of the space (default 2). */
  dim?: number;
  /** Radii 0 < r1 < r2 < r3 (defaults 0.5, 1.0, 1.5). */
  r1?: number;
  r2?: number;
  r3?: number;
  /** Share of points in the inner ball (default 0.5); the count is rounded. */
  innerFraction?: number;
  seed?: number;
  /** 'class': Int32 labels 0 (inner) / 1 (outer); 'sign': float targets g(x) = −1 / +1. Default 'class'. */
  labels?: 'class' | 'sign';
}

function norm(values: Float32Array, offset: number, dim: number): number {
  let sum = 0;
  for (let j = 0; j < dim; j++) sum += values[offset + j] * values[offset + j];
  return Math.sqrt(sum);
}

/**
 * Dupont et al.'s concentric annuli in R^d (ANODE slides): g(x) = −1 for
 * ‖x‖ ≤ r1 and g(x) = +1 for r2 ≤ ‖x‖ ≤ r3, sampled uniformly in the regions' volume (radius
 * r1·U^{1/d} in the ball, (r2^d + U(r3^d − r2^d))^{1/d} in the shell, Gaussian direction), in a
 * seeded random order. A point whose float32 coordinates leave its region is drawn again, so the
 * constraints hold exactly for the stored values.
 */
export function concentricAnnuli(options: AnnuliOptions): ArrayDataset {
  const { numPoints, dim = 2, r1 = 0.5, r2 = 1.0, r3 = 1.5, innerFraction = 0.5, seed = 0, labels = 'class' } = options;
  if (!Number.isInteger(numPoints) || numPoints < 1) throw new InvalidArgumentError(`numPoints must be a positive integer, got ${numPoints}`);
  if (!Number.isInteger(dim) || dim < 1) throw new InvalidArgumentError(`dim must be a positive integer, got ${dim}`);
  if (!(r1 > 0 && r1 < r2 && r2 < r3)) throw new InvalidArgumentError(`radii must satisfy 0 < r1 < r2 < r3, got ${r1}, ${r2}, ${r3}`);
  if (!(innerFraction >= 0 && innerFraction <= 1)) throw new InvalidArgumentError(`innerFraction must lie in [0, 1], got ${innerFraction}`);
  const random = new SeededRandom(seed);
  const numInner = Math.round(innerFraction * numPoints);
  const inner = random.shuffle(Int32Array.from({ length: numPoints }, (_, i) => (i < numInner ? 1 : 0)));
  const x = new Float32Array(numPoints * dim);
  const direction = new Float64Array(dim);
  for (let i = 0; i < numPoints; i++) {
    const [low, high] = inner[i] ? [0, r1] : [r2, r3];
    let r: number;
    do {
      let length = 0;
      do {
        length = 0;
        for (let j = 0; j < dim; j++) {
          direction[j] = random.normal();
          length += direction[j] * direction[j];
        }
      } while (length === 0);
      const radius = Math.pow(low ** dim + random.uniform() * (high ** dim - low ** dim), 1 / dim);
      const scale = radius / Math.sqrt(length);
      for (let j = 0; j < dim; j++) x[i * dim + j] = direction[j] * scale;
      r = norm(x, i * dim, dim);
    } while (r < low || r > high);
  }
  return labels === 'class'
    ? createDataset({ x, xShape: [dim], y: Int32Array.from(inner, (v) => 1 - v), numClasses: 2, classNames: ['inner', 'outer'] })
    : createDataset({ x, xShape: [dim], y: Float32Array.from(inner, (v) => (v ? -1 : 1)), yShape: [1] });
}
