import * as tf from '@tensorflow/tfjs-core';
import { zeroAugment } from './augmented-ode';
import { ControlledODE } from './controlled-ode';
import { fieldNetwork, stateShape } from './field-network';
import type { AugmentedImageOptions } from './image-options';
import { commonConfig, requireSize, type ModelOptions } from './model-options';
import type { Module } from './module';

export interface DataControlledODEOptions extends ModelOptions {
  /** Size of x, or C channels of images [B, H, W, C]. */
  dims: number;
  /** Hidden sizes of an MLP field (vector data); default [16]. */
  hidden?: number[];
  /**
   * Image data: z(0) = [x, 0] with `augment` zero channels, and f is the App C.2 conv block reading
   * [z, x] at its first 1×1 convolution (N-CODE App C.2).
   */
  image?: AugmentedImageOptions;
}

/**
 * Data-controlled NODE (Dissecting §5.1 Eq 10): ż = f([z, x]), z(0) = x. In N-CODE terms
 * γ(x) = x held constant (θ̇ = 0), the open-loop control "[C : id]" of N-CODE §3.1.
 */
export function dataControlledODE(options: DataControlledODEOptions): ControlledODE {
  requireSize('dims', options.dims);
  const augment = options.image?.augment ?? 0;
  const width = options.dims + augment;
  const f = fieldNetwork(width + options.dims, width, options);
  const modules: Record<string, Module> = { field: f };
  return new ControlledODE({
    inputNet: augment > 0 ? (x) => zeroAugment(x, augment) : undefined,
    gamma: (input) => tf.clone(input),
    field: (_t, z, x) => f.apply(tf.concat([z, x as tf.Tensor], z.rank - 1)),
    ...commonConfig(options, stateShape(width, options.image), modules),
  });
}
