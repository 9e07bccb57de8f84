import { ControlHeads, gammaFanIns, type GammaInit } from './control-heads';
import { ControlledODE } from './controlled-ode';
import { controlledField, type ControlledFieldOptions } from './controlled-field';
import { commonConfig, type ModelOptions } from './model-options';
import type { Module } from './module';

export interface OpenLoopNCODEOptions extends ModelOptions, ControlledFieldOptions {
  /** Hidden sizes of γ's trunk; default [10] (App C.2). */
  gammaHidden?: number[];
  /** Activation of γ's trunk; default 'linear' (App C.2). */
  gammaActivation?: ModelOptions['activation'];
  /** How γ's heads start: 'lecun' (default) or 'layer-scale', each controlled kernel at its fixed-weight layer's LeCun scale (ControlHeadsOptions.layerFanIns). */
  gammaInit?: GammaInit;
}

/**
 * Open-loop N-CODE (N-CODE §3.1): θ(0) = γ(x₀), θ̇ = 0, ẋ = f(x, θ) — each input
 * flows along its own vector field. γ: trunk MLP then one linear head per controlled layer (App C.2).
 */
export function openLoopNCODE(options: OpenLoopNCODEOptions): ControlledODE {
  const field = controlledField(options, options.seed, options.activation);
  const gamma = new ControlHeads(field.inputSize, field.blockSizes, {
    seed: options.seed + 3, hidden: options.gammaHidden, activation: options.gammaActivation,
    layerFanIns: gammaFanIns(options.gammaInit, field.blockFanIns),
  });
  const modules: Record<string, Module> = { field: field.net, gamma };
  return new ControlledODE({
    inputNet: field.inputNet,
    gamma: (input) => gamma.apply(input),
    field: (_t, x, theta) => field.net.apply(x, theta),
    ...commonConfig(options, field.stateShape, modules),
  });
}
