import * as tf from '@tensorflow/tfjs-core';
import { ControlledODE } from './controlled-ode';
import { MLP } from './mlp';
import { appendTime } from './append-time';
import { commonConfig, requireSize, type ModelOptions } from './model-options';
import type { Module } from './module';

export interface AdaptiveDepthODEOptions extends ModelOptions {
  dims: number;
  hidden: number[];
  /** Hidden sizes of the depth network T(x); default [8]. */
  depthHidden?: number[];
  /** f sees the physical time τ = sT as an extra input. Default false. */
  timeAppended?: boolean;
}

/**
 * Adaptive depth (Dissecting §5.2): x ↦ φ_{T(x)}(x) with T(x) from a network. Time is
 * rescaled, dz/ds = T·f(sT, z) on s ∈ [0, 1], with T carried as a constant control θ = T(x) [B, 1] so
 * dL/dT (and so dL/dω) flows by autodiff in every gradient mode. T may be negative (a backward flow).
 */
export function adaptiveDepthODE(options: AdaptiveDepthODEOptions): ControlledODE {
  requireSize('dims', options.dims);
  const timed = options.timeAppended ?? false;
  const f = new MLP([options.dims + (timed ? 1 : 0), ...options.hidden, options.dims], { seed: options.seed, activation: options.activation });
  const depth = new MLP([options.dims, ...(options.depthHidden ?? [8]), 1], { seed: options.seed + 2, activation: options.activation });
  const modules: Record<string, Module> = { field: f, depth };
  return new ControlledODE({
    gamma: (input) => depth.apply(input),
    field: (s, z, T) => {
      const depthT = T as tf.Tensor;
      return tf.mul(depthT, f.apply(timed ? appendTime(z, tf.mul(depthT, s)) : z));
    },
    ...commonConfig({ ...options, times: options.times ?? [0, 1] }, [options.dims], modules),
  });
}

/** The learned end time T(x) of each sample, [B]. */
export function endTimes(model: ControlledODE, input: tf.Tensor): tf.Tensor1D {
  return tf.tidy(() => tf.reshape((model.modules.depth as MLP).apply(input), [-1]) as tf.Tensor1D);
}
