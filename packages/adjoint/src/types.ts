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

export interface AdjointSolution<S extends OdeState> extends OdeSolution<S> {
  /** ∫ ℓ dt over [ts[0], ts[last]] when an integralLoss was given. */
  integral?: tf.Tensor;
  /** Filled in when the gradient is computed: evaluations of f in the backward pass. */
  backwardStats: { nfe: number };
}
