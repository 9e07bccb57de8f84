import * as tf from '@tensorflow/tfjs-core';
import { isolatedVjp } from '@tfode/kernels';
import { odeint, StateLayout, type SolverName, type VectorField } from '@tfode/ode-core';
import type { AugmentedProblem } from './augmented-problem';
import type { AdjointSolveOptions } from './types';

export interface AdjointGradientInputs {
  problem: AugmentedProblem;
  params: tf.Tensor[];
  times: number[];
  /** The forward outputs as rows [T, n] in the augmented layout (z parts, then the integral). */
  outputs: tf.Tensor2D;
  /** dL/d(outputs), same shape. */
  dy: tf.Tensor2D;
  forward: { method: SolverName; rtol?: number; atol?: number; stepSize?: number; maxSteps?: number };
  backward: AdjointSolveOptions;
}

/**
 * The adjoint method: solve [z, a, g] backward over each output interval with
 * a' = −aᵀ∂f/∂z − dI·∂ℓ/∂z and g' = −aᵀ∂f/∂θ − dI·∂ℓ/∂θ (Dissecting, Prop. 1;
 * N-CODE, Thm. 1), jump a by dL/dz(t_i) at each output time, and re-seed z from
 * the forward solution there. Returns [dL/dz0 as a row, dL/dθ per parameter] and the backward NFE.
 */
export function adjointGradient(inputs: AdjointGradientInputs): { dz0: tf.Tensor2D; dParams: tf.Tensor[]; nfe: number } {
  const { problem, params, times, outputs, dy, forward, backward } = inputs;
  const zSize = problem.zLayout.size;
  const integralSize = problem.layout.size - zSize;
  const T = times.length;
  const paramLayout = new StateLayout(true, params.map((p) => p.shape));
  // dI: the integral's cotangent, constant in time (∫ℓ dt only enters the loss at the end).
  const dIntegral = integralSize > 0 ? tf.slice(dy, [T - 1, zSize], [1, integralSize]) : null;

  const field: VectorField<tf.Tensor[]> = (t, state) => {
    const [zRow, aRow] = state as tf.Tensor2D[];
    const cotangent = dIntegral ? tf.concat([aRow, dIntegral], 1) : aRow;
    const { value, grads } = isolatedVjp(
      () => {
        const z = problem.zLayout.fromRow(zRow);
        const dz = problem.zLayout.toRow(problem.f(t, z), 'f');
        if (!problem.integralLoss) return dz;
        return tf.concat([dz, tf.reshape(problem.integralLoss(t, z), [1, integralSize])], 1);
      },
      [zRow, ...params],
      cotangent,
    );
    const dzRow = integralSize > 0 ? tf.slice(value, [0, 0], [1, zSize]) : value;
    const gRow = params.length > 0 ? paramLayout.toRow(grads.slice(1), 'vjp') : tf.zeros([1, 0]);
    return [dzRow, tf.neg(grads[0]), tf.neg(gRow)];
  };

  let nfe = 0;
  let a = tf.slice(dy, [T - 1, 0], [1, zSize]) as tf.Tensor2D;
  let g = tf.zeros([1, paramLayout.size]) as tf.Tensor2D;
  const method = backward.method ?? forward.method;
  try {
    for (let i = T - 1; i > 0; i--) {
      const [aNext, gNext] = tf.tidy(() => {
        const z = tf.slice(outputs, [i, 0], [1, zSize]) as tf.Tensor2D; // re-seed from the forward solution
        const sol = odeint(field, [z, a, g], [times[i], times[i - 1]], {
          method,
          rtol: backward.rtol ?? forward.rtol,
          atol: backward.atol ?? forward.atol,
          stepSize: forward.stepSize,
          maxSteps: forward.maxSteps,
          normParts: backward.seminorm ? [true, true, false] : undefined,
        });
        nfe += sol.stats.nfe;
        const [, as, gs] = sol.ys as tf.Tensor[];
        const jump = tf.slice(dy, [i - 1, 0], [1, zSize]);
        return [tf.add(tf.gather(as, 1), jump), tf.gather(gs, 1)];
      }) as tf.Tensor2D[];
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
  }
}
