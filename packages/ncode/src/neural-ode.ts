import { ControlledODE } from './controlled-ode';
import { MLP } from './mlp';
import { appendTime, commonConfig, requireSize, type ModelOptions } from './model-options';
import type { Module } from './module';

export interface NeuralODEOptions extends ModelOptions {
  /** State size d (x: [B, d]). */
  dims: number;
  /** Hidden sizes of f. */
  hidden: number[];
  /** f(t, x) = MLP([x, t]) instead of the autonomous MLP(x). Default false. */
  timeAppended?: boolean;
}

/** A plain neural ODE ẋ = f_θ(x) or f_θ([x, t]) with fixed θ (N-CODE §2 Eq 1–2). */
export function neuralODE(options: NeuralODEOptions): ControlledODE {
  requireSize('dims', options.dims);
  const timed = options.timeAppended ?? false;
  const f = new MLP([options.dims + (timed ? 1 : 0), ...options.hidden, options.dims], {
    seed: options.seed, activation: options.activation,
  });
  const modules: Record<string, Module> = { field: f };
  return new ControlledODE({
    field: (t, x) => f.apply(timed ? appendTime(x, t) : x),
    ...commonConfig(options, options.dims, modules),
  });
}
