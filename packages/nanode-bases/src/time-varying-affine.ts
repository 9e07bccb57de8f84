import * as tf from '@tensorflow/tfjs-core';
import { resolveActivation, type Activation } from './activation';
import { lecunCoefficientStd, type CoefficientInit } from './coefficient-init';
import { SeededRandom } from '@tfode/seeded-random';
import type { TimeBasis } from './time-basis';
import { countParameters, type TimeDependentLayer } from './time-dependent-layer';
import { TimeVaryingWeight } from './time-varying-weight';

export interface AffineInitOptions {
  /** Seed of the default initialization. */
  seed: number;
  /** Scale of the default initialization: Var W(t) ≈ gain²/fanIn over t ∈ [0, 1]; default 1. */
  gain?: number;
  /** Replaces the default: values for all of α, shape [size, rows + 1, out]. */
  init?: CoefficientInit;
}

/**
 * A time-varying kernel [rows, out] and bias [out] stored as one coefficient tensor
 * α ∈ R^{size × (rows+1) × out} (bias last), so both cost a single ψ(t) upload and matMul.
 * Default init: kernel rows LeCun-normal in W(t) (see lecunCoefficientStd), bias zero.
 */
export class TimeVaryingAffine {
  readonly weight: TimeVaryingWeight;
  private readonly rows: number;
  private readonly out: number;

  constructor(basis: TimeBasis, rows: number, out: number, fanIn: number, options: AffineInitOptions) {
    this.rows = rows;
    this.out = out;
    const init = options.init ?? defaultValues(basis, rows, out, fanIn, options);
    this.weight = new TimeVaryingWeight(basis, [rows + 1, out], init);
  }

  /** Kernel [rows, out] and bias [out] at time t. */
  at(t: number): { kernel: tf.Tensor2D; bias: tf.Tensor1D } {
    return tf.tidy(() => {
      const theta = this.weight.at(t) as tf.Tensor2D;
      const [kernel, bias] = tf.split(theta, [this.rows, 1], 0);
      return { kernel: kernel as tf.Tensor2D, bias: tf.reshape(bias, [this.out]) as tf.Tensor1D };
    });
  }
}

/** What the dense and convolutional layers share: σ(linear map(x; kernel(t)) + b(t)). */
export abstract class TimeVaryingAffineLayer implements TimeDependentLayer {
  /** Coefficients of the kernel rows and the bias. */
  readonly theta: TimeVaryingAffine;
  protected readonly activation: (x: tf.Tensor) => tf.Tensor;

  protected constructor(theta: TimeVaryingAffine, activation: Activation = 'linear') {
    this.theta = theta;
    this.activation = resolveActivation(activation);
  }

  get variables(): tf.Variable[] {
    return this.theta.weight.variables;
  }

  get parameterCount(): number {
    return countParameters(this.variables);
  }

  abstract apply(t: number, x: tf.Tensor): tf.Tensor;

  dispose(): void {
    this.theta.weight.dispose();
  }
}

function defaultValues(
  basis: TimeBasis,
  rows: number,
  out: number,
  fanIn: number,
  { seed, gain = 1 }: AffineInitOptions,
): Float32Array {
  const std = lecunCoefficientStd(basis, fanIn, gain);
  const random = new SeededRandom(seed);
  const block = (rows + 1) * out;
  const values = new Float32Array(basis.size * block);
  for (let k = 0; k < basis.size; k++) values.set(random.normals(rows * out, std), k * block);
  return values;
}
