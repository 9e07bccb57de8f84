import * as tf from '@tensorflow/tfjs-core';
import { initialValues, type CoefficientInit } from './coefficient-init';
import { InvalidArgumentError } from './errors';
import { evaluateChecked, type TimeBasis } from './time-basis';
import { trainableVariable } from './trainable-variable';
import { requireShape } from './validate';

/**
 * A weight tensor that is a function of time, W(t) = Σ_k ψ_k(t) α_k with coefficients
 * α ∈ R^{size × shape} (NANODE §2.3.1 Eq 6; θ(s) = Σ α_j ⊙ ψ_j(s), Dissecting
 * §3 Cor 1). Evaluating costs one host ψ(t), one [1, size] upload and one matMul.
 */
export class TimeVaryingWeight {
  readonly basis: TimeBasis;
  readonly shape: readonly number[];
  /** α, shape [basis.size, ...shape]; trainable. */
  readonly alpha: tf.Variable;
  private readonly entries: number;

  constructor(basis: TimeBasis, shape: readonly number[], init: CoefficientInit) {
    requireShape('TimeVaryingWeight shape', shape);
    this.basis = basis;
    this.shape = [...shape];
    this.entries = shape.reduce((a, b) => a * b, 1);
    const values = initialValues(init, basis.size * this.entries);
    this.alpha = trainableVariable(values, [basis.size, ...shape]);
  }

  /** The variables to train or to pass as `params` to an adjoint solver. */
  get variables(): tf.Variable[] {
    return [this.alpha];
  }

  /** Number of trainable scalars, size · Π shape. */
  get parameterCount(): number {
    return this.alpha.size;
  }

  /** W(t), shape `shape`. */
  at(t: number): tf.Tensor {
    const psi = evaluateChecked(this.basis, t);
    return tf.tidy(() => {
      const flat = tf.matMul(tf.tensor2d(psi, [1, psi.length]), this.flatAlpha());
      return tf.reshape(flat, this.shape as number[]);
    });
  }

  /**
   * Σ_k w_k ‖α_k‖²: an L2 penalty on the coefficients. With weights growing in
   * `basis.frequencies` it damps high frequencies of W(t) (NANODE §2.3.1);
   * without weights every component counts once.
   */
  l2Penalty(weights?: ArrayLike<number>): tf.Scalar {
    if (weights === undefined) return tf.tidy(() => tf.sum(tf.square(this.alpha)));
    if (weights.length !== this.basis.size) {
      throw new InvalidArgumentError(
        `l2Penalty got ${weights.length} weights; expected one per basis function (${this.basis.size})`,
      );
    }
    const w = Float32Array.from(weights);
    if (!w.every((value) => Number.isFinite(value) && value >= 0)) {
      throw new InvalidArgumentError('l2Penalty weights must be finite numbers ≥ 0');
    }
    return tf.tidy(() => {
      const perComponent = tf.sum(tf.square(this.flatAlpha()), 1);
      return tf.sum(tf.mul(perComponent, tf.tensor1d(w)));
    });
  }

  dispose(): void {
    this.alpha.dispose();
  }

  private flatAlpha(): tf.Tensor2D {
    return tf.reshape(this.alpha, [this.basis.size, this.entries]);
  }
}
