import { InvalidArgumentError } from './errors';
import { SeededRandom } from '@tfode/seeded-random';

/** One component β_i(s) = amplitude · sin(2π · frequency · s + phase). */
export interface SignalComponent {
  amplitude: number;
  frequency: number;
  phase: number;
}

export interface TrackingOptions {
  /** Components of β (default two: sin(2πs) and cos(2πs), a unit circle traced once per unit depth). */
  components?: readonly SignalComponent[];
  /** Reference sampled at numTimes evenly spaced points of [0, sEnd] (defaults 100 and 1). */
  numTimes?: number;
  sEnd?: number;
  /** Initial states z(0) ~ N(β(0), initialSpread² I) (defaults 8 states, spread 1). */
  numInitialStates?: number;
  initialSpread?: number;
  seed?: number;
}

export interface TrackingTask {
  readonly dim: number;
  readonly s: Float64Array;
  /** β(s_k), shape [numTimes, dim]. */
  readonly reference: Float32Array;
  /** Initial states, shape [numInitialStates, dim]. */
  readonly initialStates: Float32Array;
  /** β at any depth s (for integral losses evaluated at solver steps). */
  referenceAt(s: number): Float64Array;
}

/**
 * The periodic-signal tracking task of Dissecting §3 Fig 1:
 * a reference β(s) that the flow z(s) should follow under the integral loss l(s) = ‖β(s) − z(s)‖².
 */
export function trackingTask(options: TrackingOptions = {}): TrackingTask {
  const {
    components = [
      { amplitude: 1, frequency: 1, phase: 0 },
      { amplitude: 1, frequency: 1, phase: Math.PI / 2 },
    ],
    numTimes = 100,
    sEnd = 1,
    numInitialStates = 8,
    initialSpread = 1,
    seed = 0,
  } = options;
  if (components.length === 0 || components.some((c) => ![c.amplitude, c.frequency, c.phase].every(Number.isFinite))) {
    throw new InvalidArgumentError('components must be a non-empty list of finite {amplitude, frequency, phase}');
  }
  if (!Number.isInteger(numTimes) || numTimes < 2 || !(sEnd > 0)) throw new InvalidArgumentError(`need an integer numTimes ≥ 2 and sEnd > 0, got ${numTimes}, ${sEnd}`);
  if (!Number.isInteger(numInitialStates) || numInitialStates < 1 || !(initialSpread >= 0)) throw new InvalidArgumentError('need a positive integer numInitialStates and initialSpread ≥ 0');
  const dim = components.length;
  const referenceAt = (s: number): Float64Array => Float64Array.from(components, (c) => c.amplitude * Math.sin(2 * Math.PI * c.frequency * s + c.phase));
  const s = Float64Array.from({ length: numTimes }, (_, k) => (k * sEnd) / (numTimes - 1));
  const reference = new Float32Array(numTimes * dim);
  s.forEach((sk, k) => reference.set(referenceAt(sk), k * dim));
  const random = new SeededRandom(seed);
  const start = referenceAt(0);
  const initialStates = Float32Array.from({ length: numInitialStates * dim }, (_, i) => start[i % dim] + initialSpread * random.normal());
  return { dim, s, reference, initialStates, referenceAt };
}
