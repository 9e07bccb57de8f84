import * as tf from '@tensorflow/tfjs-core';
import { odeintAdjoint, type GradientOptions } from '@tfode/adjoint';
import { InvalidArgumentError, type SolveStats } from '@tfode/ode-core';
import { Module } from './module';

/** f(t, x, θ): the equation of motion of the state x under the control θ (undefined when there is none). */
export type MotionField = (t: number, x: tf.Tensor, theta: tf.Tensor | undefined) => tf.Tensor;
/** g(t, x, θ) = dθ/dt: the closed-loop controller. */
export type ControllerField = (t: number, x: tf.Tensor, theta: tf.Tensor) => tf.Tensor;
/** ℓ(x, θ, t) of N-CODE §3.2 Eq 5: a running cost, per sample [B] or a scalar. */
export type RunningCost = (t: number, x: tf.Tensor, theta: tf.Tensor | undefined) => tf.Tensor;

export interface ControlledODEConfig {
  /** The trainable parts, by name (the names weight files use). */
  modules: Record<string, Module>;
  /** h_x: input → x(0); default the identity. */
  inputNet?: (input: tf.Tensor) => tf.Tensor;
  /** γ: (input, x(0)) → θ(0), any shape with a leading batch axis; absent: no control state. */
  gamma?: (input: tf.Tensor, x0: tf.Tensor) => tf.Tensor;
  /** g: dθ/dt; absent: θ is constant (open loop). */
  controller?: ControllerField;
  /** f(t, x, θ). */
  field: MotionField;
  /** h_y: x(T) → output; default the identity. */
  outputNet?: (xT: tf.Tensor) => tf.Tensor;
  /** Output times, increasing or decreasing, ≥ 2; default [0, 1]. */
  times?: number[];
  /** Solver and gradient mode (@tfode/adjoint), e.g. { method: 'rk4', stepSize: 0.1, gradient: 'adjoint' }. */
  solver?: Omit<GradientOptions, 'integralLoss'>;
  /** ℓ(x, θ, t): the result then carries ∫ ℓ dt over the output times' span (Eq 5). */
  integralLoss?: RunningCost;
}

export interface FlowResult {
  /** x at every output time: [times, B, ...]. */
  xs: tf.Tensor;
  /** θ at every output time [times, B, ...], when the model has a control state. */
  thetas?: tf.Tensor;
  /** ∫ ℓ dt, when the model has an integral loss. */
  integral?: tf.Tensor;
}

export interface ForwardResult extends FlowResult {
  /** h_y(x(T)). */
  output: tf.Tensor;
}

/** Cost of the latest solve: forward evaluations now, backward ones once its gradient has been taken. */
export interface CallStats {
  forward: SolveStats;
  backward: { nfe: number };
}

/**
 * The controlled neural ODE of N-CODE §3 Eq 4: state z = (x, θ), x(0) = h_x(input),
 * θ(0) = γ(input, x(0)), ẋ = f(t, x, θ), θ̇ = g(t, x, θ), output h_y(x(T)), solved by @tfode/adjoint
 * in any gradient mode. A plain NODE has no θ; data control has γ(x) = x; adaptive depth has θ = T(x).
 */
export class ControlledODE extends Module {
  readonly times: number[];
  readonly solver: Omit<GradientOptions, 'integralLoss'>;
  /** Statistics of the latest `integrate` / `forward` call (for benchmarks). */
  lastStats: CallStats = { forward: { nfe: 0, nAccepted: 0, nRejected: 0 }, backward: { nfe: 0 } };
  private readonly config: ControlledODEConfig;

  constructor(config: ControlledODEConfig) {
    super();
    this.config = config;
    this.times = [...(config.times ?? [0, 1])];
    if (this.times.length < 2) throw new InvalidArgumentError(`times needs at least two output times, got [${this.times}]`);
    this.solver = { ...config.solver };
    for (const [name, module] of Object.entries(config.modules)) this.addModule(name, module);
  }

  /** The model's parts by the names given to the constructor. */
  get modules(): Readonly<Record<string, Module>> {
    return this.config.modules;
  }

  get hasControl(): boolean {
    return this.config.gamma !== undefined;
  }

  /** h_x(input) and γ: the initial state (x(0), θ(0)). */
  initialState(input: tf.Tensor): { x0: tf.Tensor; theta0?: tf.Tensor } {
    const x0 = this.config.inputNet ? this.config.inputNet(input) : input;
    return { x0, theta0: this.config.gamma?.(input, x0) };
  }

  /** Solves the flow from (x0, θ0) over `times` (default the model's). */
  integrate(x0: tf.Tensor, theta0?: tf.Tensor, times: number[] = this.times): FlowResult {
    const { field, controller, integralLoss } = this.config;
    if (this.hasControl !== (theta0 !== undefined)) {
      throw new InvalidArgumentError(this.hasControl ? 'this model has a control state: pass θ0' : 'this model has no control state: pass no θ0');
    }
    if (theta0 !== undefined && theta0.shape[0] !== x0.shape[0]) {
      throw new InvalidArgumentError(`θ0 batch ${theta0.shape[0]} differs from x0 batch ${x0.shape[0]}`);
    }
    const options: GradientOptions = { ...this.solver };
    const params = this.variables;
    let result: FlowResult;
    if (theta0 === undefined) {
      if (integralLoss) options.integralLoss = (t, y) => integralLoss(t, y as tf.Tensor, undefined);
      const sol = odeintAdjoint((t, x: tf.Tensor) => field(t, x, undefined), x0, times, params, options);
      this.lastStats = { forward: sol.stats, backward: sol.backwardStats };
      result = { xs: sol.ys, integral: sol.integral };
    } else {
      if (integralLoss) options.integralLoss = (t, y) => integralLoss(t, (y as tf.Tensor[])[0], (y as tf.Tensor[])[1]);
      const h = (t: number, [x, theta]: tf.Tensor[]): tf.Tensor[] => [
        field(t, x, theta),
        controller ? controller(t, x, theta) : tf.zerosLike(theta),
      ];
      const sol = odeintAdjoint(h, [x0, theta0], times, params, options);
      this.lastStats = { forward: sol.stats, backward: sol.backwardStats };
      result = { xs: sol.ys[0], thetas: sol.ys[1], integral: sol.integral };
    }
    return result;
  }

  /** input → h_x → flow → h_y(x(T)), with the whole trajectory. Dispose what you do not return. */
  forward(input: tf.Tensor): ForwardResult {
    return tf.tidy(() => {
      const { x0, theta0 } = this.initialState(input);
      const flow = this.integrate(x0, theta0);
      const last = lastTime(flow.xs);
      const output = this.config.outputNet ? this.config.outputNet(last) : last;
      return { ...flow, output } as ForwardResult & tf.TensorContainerObject;
    });
  }

  /** h_y(x(T)) only. */
  predict(input: tf.Tensor): tf.Tensor {
    return tf.tidy(() => this.forward(input).output);
  }

  /**
   * Sequential presentation (N-CODE §4.3): x is reset to each stimulus in turn
   * and flows for `duration` while θ carries over; θ(0) = γ of the first stimulus. Returns x at the end.
   */
  presentSequence(stimuli: tf.Tensor[], duration: number): tf.Tensor {
    if (stimuli.length === 0) throw new InvalidArgumentError('presentSequence needs at least one stimulus');
    if (!(duration > 0)) throw new InvalidArgumentError(`duration must be positive, got ${duration}`);
    return tf.tidy(() => {
      let theta = this.initialState(stimuli[0]).theta0;
      let x: tf.Tensor = stimuli[0];
      for (const stimulus of stimuli) {
        const flow = this.integrate(this.config.inputNet ? this.config.inputNet(stimulus) : stimulus, theta, [0, duration]);
        x = lastTime(flow.xs);
        theta = flow.thetas ? lastTime(flow.thetas) : undefined;
      }
      return this.config.outputNet ? this.config.outputNet(x) : x;
    });
  }
}

/** The slice at the last output time of a trajectory [times, ...]. */
export function lastTime(trajectory: tf.Tensor): tf.Tensor {
  return tf.squeeze(tf.slice(trajectory, [trajectory.shape[0] - 1], [1]), [0]);
}
