import * as tf from '@tensorflow/tfjs-core';
import { ControlledODE } from './controlled-ode';
import { fieldNetwork, stateShape } from './field-network';
import type { ImageOptions } from './image-options';
import { commonConfig, requireSize, type ModelOptions } from './model-options';
import type { Module } from './module';

export interface AugmentedODEOptions extends ModelOptions {
  /** Size of x's last axis: d features, or C channels of an image [B, H, W, C]. */
  dims: number;
  /** p zero dimensions (channels for images) appended to x. */
  augment: number;
  /** Hidden sizes of the MLP field (vector data); default [16]. */
  hidden?: number[];
  /** Image data: the field is the App C.2 conv block with this many filters; `readoutInputs` = H·W·(C + p). */
  image?: ImageOptions;
}

/** z(0) = [x, 0] on the last axis: 0-augmentation (Dissecting §4). */
export function zeroAugment(x: tf.Tensor, p: number): tf.Tensor {
  return tf.concat([x, tf.zeros([...x.shape.slice(0, -1), p])], x.rank - 1);
}

/** ANODE: the flow runs in R^{d+p} from [x, 0] (p dims, or p channels with the conv block field). */
export function augmentedODE(options: AugmentedODEOptions): ControlledODE {
  requireSize('dims', options.dims);
  requireSize('augment', options.augment);
  const width = options.dims + options.augment;
  const f = fieldNetwork(width, width, options);
  const modules: Record<string, Module> = { field: f };
  return new ControlledODE({
    inputNet: (x) => zeroAugment(x, options.augment),
    field: (_t, x) => f.apply(x),
    ...commonConfig(options, stateShape(width, options.image), modules),
  });
}
