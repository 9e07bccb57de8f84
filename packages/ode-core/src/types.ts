import type * as tf from '@tensorflow/tfjs-core';

/** A state: one tensor, or a tuple of tensors (e.g. N-CODE's (x, θ)). */
export type OdeState = tf.Tensor | tf.Tensor[];

/** dy/dt = f(t, y). t is a JS number (float64); y has the structure and shapes of y0. */
export type VectorField<S extends OdeState = OdeState> = (t: number, y: S) => S;

export type FixedStepSolverName = 'euler' | 'midpoint' | 'heun' | 'rk4' | 'rk38';
export type AdaptiveSolverName = 'fehlberg2' | 'bosh3' | 'dopri5' | 'tsit5' | 'dopri8';
export type SolverName = FixedStepSolverName | AdaptiveSolverName;

/** Söderlind's PID step-size controller settings; the defaults reproduce the classic I-controller. */
export interface ControllerOptions {
  pcoeff: number;
  icoeff: number;
  dcoeff: number;
  safety: number;
  /** Largest growth factor of the step per accepted step. */
  ifactor: number;
  /** Smallest shrink factor of the step per rejected step. */
  dfactor: number;
  /** Smallest |step| allowed; below it the solve stops with StepSizeUnderflowError. */
  dtmin: number;
}

/**
 * An error norm: receives the scaled error (error / (atol + rtol·max(|y0|, |y1|)), elementwise) and
 * the proposed state y1, both in the structure of y0; a step is accepted when the result is ≤ 1.
 */
export type ErrorNorm = (scaledError: OdeState, y: OdeState) => number;

/** What a step observer sees: the accepted step [t0, t1] and the state at its end. */
export interface AcceptedStep {
  t0: number;
  t1: number;
  /** The state at t1 in the structure of y0. Valid only during the callback: tf.clone it to keep it. */
  y1: OdeState;
}

export interface SolveOptions {
  /** Default 'dopri5'. */
  method?: SolverName;
  /** Relative tolerance, default 1e-7 (as torchdiffeq). */
  rtol?: number;
  /** Absolute tolerance, default 1e-9 (as torchdiffeq). */
  atol?: number;
  /** Required for fixed-step methods; an optional first step for adaptive ones. */
  stepSize?: number;
  /** Attempted steps (accepted + rejected) before MaxStepsExceededError. Default 10 000. */
  maxSteps?: number;
  controller?: Partial<ControllerOptions>;
  /**
   * Default: the RMS of the scaled error over the state; for a tuple the mixed norm, the largest of the
   * parts' RMS values (each part meets the tolerance on its own, as torchdiffeq norms tuple states).
   */
  norm?: ErrorNorm;
  /**
   * Which tuple parts enter the default (mixed) norm (default: all). A seminorm (Kidger, Chen & Lyons
   * 2021) leaves out channels whose error does not matter, such as an adjoint's parameter gradients.
   */
  normParts?: boolean[];
  /** Called after every accepted step, in order. */
  onStep?: (step: AcceptedStep) => void;
}

export interface SolveStats {
  /** Evaluations of f, counting the one of the initial-step selection. */
  nfe: number;
  nAccepted: number;
  nRejected: number;
}

export interface OdeSolution<S extends OdeState = OdeState> {
  ts: number[];
  /** The structure of y0, each tensor with a leading time axis of length ts.length. */
  ys: S;
  /** The solve's counts, final when odeint returns (a frozen object). */
  stats: Readonly<SolveStats>;
}
