export { Module } from './module';
export { WeightFileError } from './errors';
export { InvalidArgumentError } from '@tfode/errors';
export type { Activation } from '@tfode/nanode-bases';
export { MLP, type MLPOptions } from './mlp';
export { ConvBlock, convSame, type ConvBlockOptions } from './conv-block';
export { ControlHeads, type ControlHeadsOptions, type GammaInit } from './control-heads';
export { controlBlockSizes, splitControl } from './control-split';
export {
  ControlledODE, lastTime, type CallStats, type ControlledODEConfig, type ControllerField, type FlowResult,
  type ForwardResult, type MotionField, type RunningCost,
} from './controlled-ode';
export type { ModelOptions, Readout } from './model-options';
export type { ControlledFieldOptions } from './controlled-field';
export type { AugmentedImageOptions, ImageOptions } from './image-options';
export { neuralODE, type NeuralODEOptions } from './neural-ode';
export { augmentedODE, zeroAugment, type AugmentedODEOptions } from './augmented-ode';
export { inputLayerODE, type InputLayerODEOptions } from './input-layer-ode';
export { higherOrderODE, type HigherOrderODEOptions } from './higher-order-ode';
export { dataControlledODE, type DataControlledODEOptions } from './data-controlled-ode';
export { adaptiveDepthODE, endTimes, type AdaptiveDepthODEOptions } from './adaptive-depth-ode';
export { nanodeODE, type NanodeODEOptions } from './nanode-ode';
export { openLoopNCODE, type OpenLoopNCODEOptions } from './open-loop-ncode';
export { closedLoopNCODE, type ClosedLoopNCODEOptions } from './closed-loop-ncode';
export { hebbianNCODE, type HebbianNCODEOptions } from './hebbian-ncode';
export { AutoNCODE, autoNCODE, type AutoNCODEControlNorm, type AutoNCODEInitialState, type AutoNCODEOptions } from './auto-ncode';
export { GaussianMixture, type GaussianMixtureOptions } from './gaussian-mixture';
export { deserializeWeights, serializeWeights, type WeightLoadOptions, type WeightManifest } from './weights-io';
