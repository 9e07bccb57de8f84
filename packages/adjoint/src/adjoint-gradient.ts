import * as tf from '@tensorflow/tfjs-core';
import { flatRow, isolatedVjp } from '@tfode/kernels';
import { runSync, solveRowsReads, StateLayout, type HostReads, type ResolvedOptions, type RowField } from '@tfode/ode-core/internal';
import type { AugmentedProblem } from './augmented-problem';

/** The backward state [z, a, g]: z and its adjoint a (each zSize wide), and the parameters' gradient g, as rows. */
export function adjointStateLayout(zSize: number, params: tf.Tensor[]): StateLayout {
  const paramSize = params.reduce((total, p) => total + p.size, 0);
  return new StateLayout(true, [[1, zSize], [1, zSize], [1, paramSize]]);
}

export interface AdjointGradientInputs {
  problem: AugmentedProblem;
  params: tf.Tensor[];
  times: number[];
  /** The forward outputs as rows [T, n] in the augmented layout (z parts, then the integral). */
  outputs: tf.Tensor2D;
  /** dL/d(outputs), same shape. */
  dy: tf.Tensor2D;
  /** The backward solve's options, resolved once for the call. */
  backward: ResolvedOptions;
}

/** What the adjoint method gives: dL/dz0 as a row, dL/dθ per parameter, and the backward solves' NFE. */
export interface AdjointGradient {
  dz0: tf.Tensor2D;
  dParams: tf.Tensor[];
  nfe: number;
}

/** The adjoint method with its reads from the device blocking (dataSync), for tfjs's gradient functions. */
export function adjointGradient(inputs: AdjointGradientInputs): AdjointGradient {
  return runSync(adjointGradientReads(inputs));
}

/**
 * The adjoint method: solve [z, a, g] backward over each output interval with
 * a' = −aᵀ∂f/∂z − dI·∂ℓ/∂z and g' = −aᵀ∂f/∂θ − dI·∂ℓ/∂θ (Dissecting Prop 1;
 * N-CODE Thm 1), jump a by dL/dz(t_i) at each output time, and re-seed z from
 * the forward solution there. Written as its reads from the device (the backward solves'), so that it
 * runs blocking or awaited with the same arithmetic.
 */
export function* adjointGradientReads(inputs: AdjointGradientInputs): HostReads<AdjointGradient> {
  const { problem, params, times, outputs, dy, backward } = inputs;
  const zSize = problem.zLayout.size;
  const { integralSize } = problem;
  const T = times.length;
  const paramLayout = new StateLayout(true, params.map((p) => p.shape));
  const layout = adjointStateLayout(zSize, params);
  // dI: the integral's cotangent, constant in time (∫ℓ dt only enters the loss at the end).
  const dIntegral = integralSize > 0 ? tf.slice(dy, [T - 1, zSize], [1, integralSize]) : null;

  // −dI, once: the pullback of the negated cotangent is the negated pullback, bit for bit.
  const minusDIntegral = dIntegral ? tf.neg(dIntegral) : null;
  // The backward field on rows [z, a, g] (g is not read), split and joined once per evaluation.
  const field: RowField = (t, row) => {
    const [zRow, aRow] = tf.split(row, layout.sizes, 1) as tf.Tensor2D[];
    const minusA = tf.neg(aRow);
    const cotangent = minusDIntegral ? tf.concat([minusA, minusDIntegral], 1) : minusA;
    // −aᵀ∂f/∂z and −aᵀ∂f/∂θ, and f itself
    const { value, grads } = isolatedVjp(() => problem.derivative(t, zRow), [zRow, ...params], cotangent);
    const dzRow = integralSize > 0 ? tf.slice(value, [0, 0], [1, zSize]) : value;
    const gRow = params.length > 0 ? flatRow(grads.slice(1)) : tf.zeros([1, 0]);
    return tf.concat([dzRow, grads[0], gRow], 1) as tf.Tensor2D;
  };

  let nfe = 0;
  let a = tf.slice(dy, [T - 1, 0], [1, zSize]) as tf.Tensor2D;
  let g = tf.zeros([1, paramLayout.size]) as tf.Tensor2D;
  try {
    for (let i = T - 1; i > 0; i--) {
      const y0 = tf.tidy(() => tf.concat([tf.slice(outputs, [i, 0], [1, zSize]), a, g], 1) as tf.Tensor2D); // z re-seeded from the forward solution
      let rows: tf.Tensor2D;
      try {
        const solution = yield* solveRowsReads({ field, layout, y0, times: [times[i], times[i - 1]] }, backward);
        rows = solution.rows;
        nfe += solution.stats.nfe;
      } finally {
        y0.dispose();
      }
      const [aNext, gNext] = tf.tidy(() => {
        const jump = tf.slice(dy, [i - 1, 0], [1, zSize]);
        return [tf.add(tf.slice(rows, [1, zSize], [1, zSize]), jump), tf.slice(rows, [1, 2 * zSize], [1, paramLayout.size])];
      }) as tf.Tensor2D[];
      rows.dispose();
      a.dispose();
      g.dispose();
      a = aNext;
      g = gNext;
    }
    const dParams = params.length > 0 ? tf.tidy(() => paramLayout.parts(paramLayout.fromRow(g))) : [];
    return { dz0: a, dParams, nfe };
  } catch (error) {
    a.dispose();
    throw error;
  } finally {
    g.dispose();
    dIntegral?.dispose();
    minusDIntegral?.dispose();
  }
}
