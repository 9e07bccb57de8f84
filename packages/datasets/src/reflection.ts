import { createDataset, type ArrayDataset } from './dataset';
import { InvalidArgumentError } from './errors';
import { SeededRandom } from '@tfode/seeded-random';

function checkCount(numPoints: number): void {
  if (!Number.isInteger(numPoints) || numPoints < 1) throw new InvalidArgumentError(`numPoints must be a positive integer, got ${numPoints}`);
}

/** The 1-D reflection φ(x) = −x (N-CODE Sec 4.1, Fig 4): x uniform in [low, high) (default [−1, 1)), target −x. */
export function reflection1d(options: { numPoints: number; low?: number; high?: number; seed?: number }): ArrayDataset {
  const { numPoints, low = -1, high = 1, seed = 0 } = options;
  checkCount(numPoints);
  if (!(low < high)) throw new InvalidArgumentError(`need low < high, got ${low}, ${high}`);
  const random = new SeededRandom(seed);
  const x = Float32Array.from({ length: numPoints }, () => random.uniformIn(low, high));
  return createDataset({ x, xShape: [1], y: x.map((v) => -v), yShape: [1] });
}

/**
 * Dupont's g_1d (ANODE slides): g(−1) = 1, g(1) = −1. Half the points sit at
 * x = −1 (target 1), half at x = 1 (target −1), alternating; `noise` adds N(0, noise²) to x only.
 */
export function g1d(options: { numPoints?: number; noise?: number; seed?: number } = {}): ArrayDataset {
  const { numPoints = 2, noise = 0, seed = 0 } = options;
  checkCount(numPoints);
  if (!(noise >= 0)) throw new InvalidArgumentError(`noise must be ≥ 0, got ${noise}`);
  const random = new SeededRandom(seed);
  const y = Float32Array.from({ length: numPoints }, (_, i) => (i % 2 === 0 ? 1 : -1));
  const x = y.map((target) => -target + (noise > 0 ? noise * random.normal() : 0));
  return createDataset({ x, xShape: [1], y, yShape: [1] });
}
