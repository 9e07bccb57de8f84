import { ControlledODE } from './controlled-ode';
import { MLP } from './mlp';
import { commonConfig, requireSize, type ModelOptions } from './model-options';
import type { Module } from './module';

export interface InputLayerODEOptions extends ModelOptions {
  dims: number;
  /** n_z: size of the state the input layer lifts x to. */
  stateDims: number;
  hidden: number[];
}

/** IL-NODE: z(0) = h_x(x) with a linear input layer R^{n_x} → R^{n_z} (Dissecting §4 Eq 4). */
export function inputLayerODE(options: InputLayerODEOptions): ControlledODE {
  requireSize('dims', options.dims);
  requireSize('stateDims', options.stateDims);
  const lift = new MLP([options.dims, options.stateDims], { seed: options.seed + 1, activation: 'linear' });
  const f = new MLP([options.stateDims, ...options.hidden, options.stateDims], { seed: options.seed, activation: options.activation });
  const modules: Record<string, Module> = { input: lift, field: f };
  return new ControlledODE({
    inputNet: (x) => lift.apply(x),
    field: (_t, z) => f.apply(z),
    ...commonConfig(options, options.stateDims, modules),
  });
}
