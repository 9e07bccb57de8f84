import type * as tf from '@tensorflow/tfjs-core';
import type { OdeSolution, OdeState, SolveOptions, SolverName } from '@tfode/ode-core';

export type GradientMode = 'backprop' | 'adjoint' | 'checkpoint';

/** ℓ(t, z): a running cost; its integral over [ts[0], ts[last]] is returned (per sample if ℓ is). */
export type IntegralLoss = (t: number, y: OdeState) => tf.Tensor;

export interface AdjointSolveOptions {
  method?: SolverName;
  rtol?: number;
  atol?: number;
  /** Leave the parameter-gradient channels out of the backward error norm (Kidger, Chen & Lyons 2021). */
  seminorm?: boolean;
}

export interface GradientOptions extends SolveOptions {
  /** Default 'adjoint'. */
  gradient?: GradientMode;
  /** The backward solve of 'adjoint' mode; defaults to the forward method and tolerances. */
  adjoint?: AdjointSolveOptions;
  integralLoss?: IntegralLoss;
}

/** What the backward passes through one solution have cost so far. */
export interface BackwardStats {
  /**
   * Evaluations in the backward passes taken through this solution, summed (adjoint: of the augmented
   * backward dynamics; checkpoint: of f in the replays; backprop: 0). 0 until a gradient is computed.
   */
  readonly nfe: number;
}

export interface AdjointSolution<S extends OdeState> extends OdeSolution<S> {
  /** ∫ ℓ dt over [ts[0], ts[last]] when an integralLoss was given. */
  integral?: tf.Tensor;
  /**
   * A read-only live view of the backward pass, not a snapshot: the gradient is computed after
   * odeintAdjoint returns (by tf.grads or optimizer.minimize), and `nfe` reads what it has cost by then.
   * Keep the object and read it after the gradient. `stats`, the forward solve's, is final at return.
   */
  readonly backwardStats: BackwardStats;
}
