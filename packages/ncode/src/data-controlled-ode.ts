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
 * Data-controlled NODE (Eq 10 of 001_5598d57cd23c9e6a.txt): ż = f([z, x]), z(0) = x. In N-CODE terms
 * γ(x) = x held constant (θ̇ = 0), the open-loop control "[C : id]" of Sec 3.1 of 000_a288946168992ea9.txt.
 */
export function dataControlledODE(options: DataControlledODEOptions): ControlledODE {
  requireSize('dims', options.dims);
  const f = new MLP([2 * options.dims, ...options.hidden, options.dims], { seed: options.seed, activation: options.activation });
  const modules: Record<string, Module> = { field: f };
  return new ControlledODE({
    modules,
    gamma: (input) => tf.clone(input),
    field: (_t, z, x) => f.apply(tf.concat([z, x as tf.Tensor], 1)),
    ...commonConfig(options, options.dims, modules),
  });
}
