import * as tf from '@tensorflow/tfjs-core';
import { ControlHeads, gammaFanIns, type GammaInit } from './control-heads';
import { ControlledODE } from './controlled-ode';
import { controlledField, type ControlledFieldOptions } from './controlled-field';
import { MLP } from './mlp';
import { commonConfig, type ModelOptions } from './model-options';
import type { Module } from './module';

export interface ClosedLoopNCODEOptions extends ModelOptions, ControlledFieldOptions {
  /** Hidden sizes of the controller g([x, θ, t]); default [16]. */
  controllerHidden?: number[];
  /** θ(0) = γ(x₀) ('data', default) or one learned θ₀ for every sample ('constant'). */
  initialControl?: 'data' | 'constant';
  gammaHidden?: number[];
  /** How γ's heads start: 'lecun' (default) or 'layer-scale' (see OpenLoopNCODEOptions.gammaInit). */
  gammaInit?: GammaInit;
}

/**
 * Closed-loop N-CODE (N-CODE §3.1): ẋ = f(x, θ), θ̇ = g(θ, x, t) with g an MLP on
 * [x, θ, t] (x flattened), θ(0) = γ(x₀) or a learned constant — a time-varying flow that reacts to x(t).
 */
export function closedLoopNCODE(options: ClosedLoopNCODEOptions): ControlledODE {
  const field = controlledField(options, options.seed, options.activation);
  const controlSize = field.blockSizes.reduce((p, d) => p + d, 0);
  const g = new MLP([tf.util.sizeFromShape(field.stateShape) + controlSize + 1, ...(options.controllerHidden ?? [16]), controlSize], {
    seed: options.seed + 5, activation: options.activation, gain: 0.1,
  });
  const constant = (options.initialControl ?? 'data') === 'constant';
  // A constant θ₀ is γ with no trunk applied to a constant 1: its head bias and kernel are θ₀.
  const gamma = new ControlHeads(constant ? 1 : field.inputSize, field.blockSizes, {
    seed: options.seed + 3, hidden: constant ? [] : options.gammaHidden,
    layerFanIns: gammaFanIns(options.gammaInit, field.blockFanIns),
  });
  const modules: Record<string, Module> = { field: field.net, gamma, controller: g };
  return new ControlledODE({
    inputNet: field.inputNet,
    gamma: (input) => gamma.apply(constant ? tf.ones([input.shape[0], 1]) : input),
    controller: (t, x, theta) => g.applyTimed(tf.concat([tf.reshape(x, [x.shape[0], -1]), theta], 1), t),
    field: (_t, x, theta) => field.net.apply(x, theta),
    ...commonConfig(options, field.stateShape, modules),
  });
}
