import * as tf from '@tensorflow/tfjs-core';
import type { Activation } from './activation';
import { InvalidArgumentError } from './errors';
import { applyHouseholder } from './householder';
import type { TimeBasis } from './time-basis';
import { TimeVaryingAffine, TimeVaryingAffineLayer, type AffineInitOptions } from './time-varying-affine';
import { requirePositiveInteger } from './validate';

export interface TimeVaryingDenseOptions extends AffineInitOptions {
  /** Default 'linear'. */
  activation?: Activation;
  /**
   * W(t) = H(u_1(t))…H(u_k(t)) ∈ O(n) (NANODE §2.5), applied by
   * reflections; needs inputs = outputs. Default false.
   */
  orthogonal?: boolean;
  /** Number k of reflections when orthogonal; default n. */
  reflections?: number;
}

/**
 * y = σ(x·W(t) + b(t)) with W(t), b(t) expanded on `basis`: a Galërkin layer (Dissecting
 * §3 Cor 1) with a spectral basis, a stacked-NODE layer with `bucket`, and an
 * autonomous layer with monomial(1). x has shape [batch, inputs].
 */
export class TimeVaryingDense extends TimeVaryingAffineLayer {
  readonly inputs: number;
  readonly outputs: number;
  /** When true, theta holds [U(t); b(t)] instead of [W(t); b(t)]. */
  readonly orthogonal: boolean;

  constructor(inputs: number, outputs: number, basis: TimeBasis, options: TimeVaryingDenseOptions) {
    requirePositiveInteger('TimeVaryingDense inputs', inputs);
    requirePositiveInteger('TimeVaryingDense outputs', outputs);
    const orthogonal = options.orthogonal ?? false;
    if (orthogonal && inputs !== outputs) {
      throw new InvalidArgumentError(
        `an orthogonal TimeVaryingDense needs inputs = outputs, got ${inputs} → ${outputs}`,
      );
    }
    const rows = orthogonal ? (options.reflections ?? inputs) : inputs;
    requirePositiveInteger('number of reflections', rows);
    // Householder vectors are scale-free, so fanIn = 1 just gives them unit-variance entries.
    super(new TimeVaryingAffine(basis, rows, outputs, orthogonal ? 1 : inputs, options), options.activation);
    this.inputs = inputs;
    this.outputs = outputs;
    this.orthogonal = orthogonal;
  }

  apply(t: number, x: tf.Tensor): tf.Tensor2D {
    if (x.rank !== 2 || x.shape[1] !== this.inputs) {
      throw new InvalidArgumentError(`TimeVaryingDense expects x of shape [batch, ${this.inputs}], got [${x.shape}]`);
    }
    return tf.tidy(() => {
      const { kernel, bias } = this.theta.at(t);
      const x2 = x as tf.Tensor2D;
      const linear = this.orthogonal ? applyHouseholder(kernel, x2) : tf.matMul(x2, kernel);
      return this.activation(tf.add(linear, bias)) as tf.Tensor2D;
    });
  }
}
