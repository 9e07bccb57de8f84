import * as tf from '@tensorflow/tfjs-core';
import { ControlledODE } from './controlled-ode';
import { MLP } from './mlp';
import { commonConfig, requireSize, type ModelOptions } from './model-options';
import type { Module } from './module';

export interface DataControlledODEOptions extends ModelOptions {
  dims: number;
  hidden: number[];
}

/**
 * Data-controlled NODE (Dissecting §5.1 Eq 10): ż = f([z, x]), z(0) = x. In N-CODE terms
 * γ(x) = x held constant (θ̇ = 0), the open-loop control "[C : id]" of N-CODE §3.1.
 */
export function dataControlledODE(options: DataControlledODEOptions): ControlledODE {
  requireSize('dims', options.dims);
  const f = new MLP([2 * options.dims, ...options.hidden, options.dims], { seed: options.seed, activation: options.activation });
  const modules: Record<string, Module> = { field: f };
  return new ControlledODE({
    gamma: (input) => tf.clone(input),
    field: (_t, z, x) => f.apply(tf.concat([z, x as tf.Tensor], 1)),
    ...commonConfig(options, options.dims, modules),
  });
}
