import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError, StateLayout, type OdeState, type VectorField } from '@tfode/ode-core';
import type { IntegralLoss } from './types';

/**
 * The forward system with the running cost as one more state part: (z, q) with q' = ℓ(t, z), q(t0) = 0,
 * so q(T) = ∫ ℓ dt (N-CODE, Eq. 5; the integral loss of Dissecting,
 * Prop. 1). Without ℓ it is the plain system.
 */
export class AugmentedProblem {
  readonly zLayout: StateLayout;
  readonly layout: StateLayout;
  readonly integralShape?: number[];

  constructor(
    readonly f: VectorField,
    y0: OdeState,
    t0: number,
    readonly integralLoss?: IntegralLoss,
  ) {
    this.zLayout = StateLayout.of(y0);
    const zShapes = this.zLayout.shapes;
    if (integralLoss) {
      let shape: number[] | null = null;
      tf.tidy(() => {
        const probe = integralLoss(t0, y0);
        if (probe instanceof tf.Tensor && probe.dtype === 'float32') shape = probe.shape;
      });
      if (!shape) throw new InvalidArgumentError('integralLoss(t, y) must return a float32 tensor (per sample or a scalar)');
      this.integralShape = shape;
      this.layout = new StateLayout(true, [...zShapes, this.integralShape]);
    } else {
      this.layout = new StateLayout(this.zLayout.isTuple, zShapes);
    }
  }

  /** Number of state parts of z (the integral part, if any, comes after them). */
  get zParts(): number {
    return this.zLayout.shapes.length;
  }

  /** The user's state structure from z's parts. */
  zState(parts: tf.Tensor[]): OdeState {
    return this.zLayout.isTuple ? parts : parts[0];
  }

  initial(y0Parts: tf.Tensor[]): OdeState {
    if (!this.integralShape) return this.zState(y0Parts);
    return [...y0Parts, tf.zeros(this.integralShape)];
  }

  readonly field: VectorField = (t, y) => {
    const parts = Array.isArray(y) ? y : [y];
    const z = this.zState(parts.slice(0, this.zParts));
    const dz = this.f(t, z);
    if (!this.integralLoss) return dz;
    return [...(Array.isArray(dz) ? dz : [dz]), this.integralLoss(t, z)];
  };
}
