import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError, type OdeState, type VectorField } from '@tfode/ode-core';
import { StateLayout, type RowField } from '@tfode/ode-core/internal';
import type { IntegralLoss } from './types';

/**
 * The forward system in rows, with the running cost as one more state part: (z, q) with q' = ℓ(t, z),
 * q(t0) = 0, so q(T) = ∫ ℓ dt (N-CODE §3.2 Eq 5; the integral loss of Dissecting Prop 1). Without ℓ it
 * is the plain system. The one place where f and ℓ meet rows: the forward solve, the adjoint's
 * vector–Jacobian products, the checkpoint replays and the time gradients all evaluate through it.
 */
export class AugmentedProblem {
  /** The caller's state z. */
  readonly zLayout: StateLayout;
  /** The solved state: z's parts, then q when there is an integral loss. */
  readonly layout: StateLayout;
  readonly integralShape?: number[];
  /** Elements of q (0 without an integral loss). */
  readonly integralSize: number;
  /** The augmented field on rows [z, q] (q is not read); without ℓ, on rows of either form (see StateLayout). */
  readonly field: RowField;
  /** f on rows of z (either form). */
  private readonly zField: RowField;

  constructor(
    private readonly f: VectorField,
    y0: OdeState,
    t0: number,
    private readonly integralLoss?: IntegralLoss,
  ) {
    this.zLayout = StateLayout.of(y0);
    const zShapes = this.zLayout.shapes;
    if (integralLoss !== undefined) {
      if (typeof integralLoss !== 'function') throw new InvalidArgumentError('integralLoss must be a function (t, y) => ℓ');
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
    this.integralSize = this.layout.size - this.zLayout.size;
    const zSize = this.zLayout.size;
    this.zField = this.zLayout.rowField(f);
    this.field = this.integralSize > 0 ? (t, row) => this.derivative(t, tf.slice(row as tf.Tensor2D, [0, 0], [1, zSize])) : (t, row) => this.derivative(t, row);
  }

  /** Whether a solve of this system can keep z in its own shape (a single tensor, no integral): no reshape per evaluation of f. */
  get keepsShape(): boolean {
    return this.zLayout.keepsShape && this.integralSize === 0;
  }

  /** d/dt of the solved state at z: the row [f(t, z), ℓ(t, z)] for z a row [1, zSize]; without ℓ, f on z's row of either form. */
  derivative(t: number, zRow: tf.Tensor): tf.Tensor {
    if (!this.integralLoss) return this.zField(t, zRow);
    const z = this.zLayout.fromRow(zRow);
    return tf.concat([this.dz(t, z), this.dq(t, z)], 1);
  }

  /** f(t, z) alone, as a row [1, zSize]. */
  zDerivative(t: number, zRow: tf.Tensor2D): tf.Tensor2D {
    return this.zField(t, zRow) as tf.Tensor2D;
  }

  /** ℓ(t, z) alone, as a row [1, integralSize]. */
  integrandRow(t: number, zRow: tf.Tensor2D): tf.Tensor2D {
    return this.dq(t, this.zLayout.fromRow(zRow));
  }

  /** The solved state's start row from z0's: [z0, q0 = 0]. */
  initialRow(z0Row: tf.Tensor2D): tf.Tensor2D {
    return this.integralSize > 0 ? tf.concat([z0Row, tf.zeros([1, this.integralSize])], 1) : z0Row;
  }

  /** Solution rows [T, n] → z in the caller's structure (leading time axis) and ∫ ℓ dt (q in the last row). */
  outputs(rows: tf.Tensor2D): { ys: OdeState; integral?: tf.Tensor } {
    const [T] = rows.shape;
    const zSize = this.zLayout.size;
    if (!this.integralShape) return { ys: this.zLayout.fromRows(rows) };
    return {
      ys: this.zLayout.fromRows(tf.slice(rows, [0, 0], [T, zSize])),
      integral: tf.reshape(tf.slice(rows, [T - 1, zSize], [1, this.integralSize]), this.integralShape),
    };
  }

  private dz(t: number, z: OdeState): tf.Tensor2D {
    return this.zLayout.toRow(this.f(t, z), 'f');
  }

  private dq(t: number, z: OdeState): tf.Tensor2D {
    return tf.reshape(this.integralLoss!(t, z), [1, this.integralSize]);
  }
}
