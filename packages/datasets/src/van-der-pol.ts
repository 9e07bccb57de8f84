import { createDataset, type ArrayDataset } from './dataset';
import { InvalidArgumentError } from './errors';
import { SeededRandom } from '@tfode/seeded-random';

export interface VanDerPolOptions {
  numTrajectories: number;
  /** Damping μ of ẍ − μ(1 − x²)ẋ + x = 0 (default 1). */
  mu?: number;
  /** Output times are numTimes evenly spaced points of [0, tEnd] (defaults 100 and 10). */
  numTimes?: number;
  tEnd?: number;
  /** Initial (x, ẋ) uniform in [−initialRange, initialRange]² (default 2). */
  initialRange?: number;
  /** Classical RK4 steps between two output times (default 20). */
  substeps?: number;
  seed?: number;
}

/** Van der Pol trajectories: x = initial state (x, ẋ), y = the states at `ts`, shape [numTimes, 2]. */
export interface VanDerPolDataset extends ArrayDataset {
  readonly ts: Float64Array;
  readonly mu: number;
}

/**
 * Trajectories of the Van der Pol oscillator of N-CODE §3.1 Fig 3, written
 * as the planar system ẋ = v, v̇ = μ(1 − x²)v − x, integrated on the host in float64 by RK4.
 */
export function vanDerPolTrajectories(options: VanDerPolOptions): VanDerPolDataset {
  const { numTrajectories, mu = 1, numTimes = 100, tEnd = 10, initialRange = 2, substeps = 20, seed = 0 } = options;
  if (!Number.isInteger(numTrajectories) || numTrajectories < 1) throw new InvalidArgumentError(`numTrajectories must be a positive integer, got ${numTrajectories}`);
  if (!Number.isInteger(numTimes) || numTimes < 2) throw new InvalidArgumentError(`numTimes must be an integer ≥ 2, got ${numTimes}`);
  if (!Number.isInteger(substeps) || substeps < 1) throw new InvalidArgumentError(`substeps must be a positive integer, got ${substeps}`);
  if (!(tEnd > 0) || !Number.isFinite(mu) || !(initialRange >= 0)) throw new InvalidArgumentError('need tEnd > 0, finite mu and initialRange ≥ 0');
  const random = new SeededRandom(seed);
  const ts = Float64Array.from({ length: numTimes }, (_, k) => (k * tEnd) / (numTimes - 1));
  const h = tEnd / (numTimes - 1) / substeps;
  const field = (x: number, v: number): [number, number] => [v, mu * (1 - x * x) * v - x];
  const initial = new Float32Array(numTrajectories * 2);
  const states = new Float32Array(numTrajectories * numTimes * 2);
  for (let i = 0; i < numTrajectories; i++) {
    let x = random.uniformIn(-initialRange, initialRange);
    let v = random.uniformIn(-initialRange, initialRange);
    initial[2 * i] = x;
    initial[2 * i + 1] = v;
    for (let k = 0; k < numTimes; k++) {
      if (k > 0) {
        for (let s = 0; s < substeps; s++) {
          const [a1, b1] = field(x, v);
          const [a2, b2] = field(x + (h / 2) * a1, v + (h / 2) * b1);
          const [a3, b3] = field(x + (h / 2) * a2, v + (h / 2) * b2);
          const [a4, b4] = field(x + h * a3, v + h * b3);
          x += (h / 6) * (a1 + 2 * a2 + 2 * a3 + a4);
          v += (h / 6) * (b1 + 2 * b2 + 2 * b3 + b4);
        }
      }
      states[(i * numTimes + k) * 2] = x;
      states[(i * numTimes + k) * 2 + 1] = v;
    }
  }
  // The stored initial state is the float64 one rounded, like every stored state.
  return { ...createDataset({ x: initial, xShape: [2], y: states, yShape: [numTimes, 2] }), ts, mu };
}
