import { createDataset, type ArrayDataset } from './dataset';
import { InvalidArgumentError } from './errors';
import { SeededRandom } from '@tfode/seeded-random';

export interface ConditionalCnfOptions {
  numSamples: number;
  /** Means of the data distributions p1, p2 (default −1 and 1, as in the paper). */
  means?: readonly [number, number];
  /** Common standard deviation of all four normals (default 0.1; the paper does not state it). */
  std?: number;
  seed?: number;
}

/**
 * The two-prior / two-posterior task. x: a prior sample z_S, shape [1]; y: a data sample of the
 * same condition, shape [1]. Conditions alternate 0, 1, 0, … so the classes are balanced exactly.
 */
export interface ConditionalCnfDataset extends ArrayDataset {
  readonly condition: Int32Array;
  /** log q_c(z) and log p_c(x) in closed form. */
  priorLogDensity(z: number, condition: 0 | 1): number;
  dataLogDensity(x: number, condition: 0 | 1): number;
}

/**
 * Conditional CNF benchmark of Dissecting §5.1 Fig 4: data
 * p1 = N(−1, σ²), p2 = N(1, σ²) and swapped priors q1 ≡ p2, q2 ≡ p1, so mapping each prior onto its
 * posterior needs crossing trajectories; condition 0 is (q1, p1), condition 1 is (q2, p2).
 */
export function conditionalCnfTask(options: ConditionalCnfOptions): ConditionalCnfDataset {
  const { numSamples, means = [-1, 1], std = 0.1, seed = 0 } = options;
  if (!Number.isInteger(numSamples) || numSamples < 1) throw new InvalidArgumentError(`numSamples must be a positive integer, got ${numSamples}`);
  if (!(std > 0) || !means.every(Number.isFinite)) throw new InvalidArgumentError('need std > 0 and finite means');
  const dataMean = (c: 0 | 1): number => means[c];
  const priorMean = (c: 0 | 1): number => means[1 - c];
  const logNormal = (v: number, mean: number): number => -0.5 * ((v - mean) / std) ** 2 - Math.log(std) - 0.5 * Math.log(2 * Math.PI);
  const random = new SeededRandom(seed);
  const condition = Int32Array.from({ length: numSamples }, (_, i) => i % 2);
  const x = new Float32Array(numSamples);
  const y = new Float32Array(numSamples);
  condition.forEach((c, i) => {
    x[i] = priorMean(c as 0 | 1) + std * random.normal();
    y[i] = dataMean(c as 0 | 1) + std * random.normal();
  });
  return {
    ...createDataset({ x, xShape: [1], y, yShape: [1] }),
    condition,
    priorLogDensity: (z, c) => logNormal(z, priorMean(c)),
    dataLogDensity: (v, c) => logNormal(v, dataMean(c)),
  };
}
