import * as tf from '@tensorflow/tfjs-core';
import type { CoefficientInit } from './coefficient-init';
import { applyHouseholder, householderProduct, type ReflectionSign } from './householder';
import type { TimeBasis } from './time-basis';
import { TimeVaryingWeight } from './time-varying-weight';
import { requirePositiveInteger } from './validate';

export interface OrthogonalTimeVaryingWeightOptions {
  /** Coefficients of U(t); use random values (a zero u_i(t) reflects nothing). */
  init: CoefficientInit;
  /** Number k of reflections; default n. */
  reflections?: number;
  s?: ReflectionSign;
}

/**
 * An orthogonal weight W(t) = s·H(u_1(t))…H(u_k(t)) ∈ O(n) whose Householder vectors
 * U(t) = Σ ψ_j(t) α_j vary over a basis (NANODE §2.5): ‖W(t)‖₂ = 1 at every t.
 */
export class OrthogonalTimeVaryingWeight {
  readonly n: number;
  readonly s: ReflectionSign;
  /** U(t), shape [k, n]. */
  readonly vectors: TimeVaryingWeight;

  constructor(basis: TimeBasis, n: number, { init, reflections = n, s = 1 }: OrthogonalTimeVaryingWeightOptions) {
    requirePositiveInteger('orthogonal weight size n', n);
    requirePositiveInteger('number of reflections', reflections);
    this.n = n;
    this.s = s;
    this.vectors = new TimeVaryingWeight(basis, [reflections, n], init);
  }

  get variables(): tf.Variable[] {
    return this.vectors.variables;
  }

  get parameterCount(): number {
    return this.vectors.parameterCount;
  }

  /** W(t) as an n×n matrix. */
  at(t: number): tf.Tensor2D {
    return tf.tidy(() => householderProduct(this.vectors.at(t) as tf.Tensor2D, this.s));
  }

  /** x·W(t) for rows x ∈ R^{b×n}, by k reflections instead of a matrix (O(k·n) per row). */
  apply(t: number, x: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => applyHouseholder(this.vectors.at(t) as tf.Tensor2D, x, this.s));
  }

  dispose(): void {
    this.vectors.dispose();
  }
}
