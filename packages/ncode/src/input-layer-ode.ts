import * as tf from '@tensorflow/tfjs-core';
import { ControlledODE } from './controlled-ode';
import { fieldNetwork, stateShape } from './field-network';
import type { ImageOptions } from './image-options';
import { MLP } from './mlp';
import { commonConfig, requireSize, type ModelOptions } from './model-options';
import type { Module } from './module';

export interface InputLayerODEOptions extends ModelOptions {
  /** n_x: size of x, or C channels of images [B, H, W, C]. */
  dims: number;
  /** n_z: size of the state the input layer lifts x to (channels, for images). */
  stateDims: number;
  /** Hidden sizes of an MLP field (vector data); default [16]. */
  hidden?: number[];
  /** Image data: the input layer acts per pixel (a 1×1 convolution C → n_z), the field is the App C.2 conv block. */
  image?: ImageOptions;
}

/** The linear map `layer` applied to the last axis of x (per pixel of an image [B, H, W, C]). */
function perPixel(layer: MLP, x: tf.Tensor): tf.Tensor {
  return tf.reshape(layer.apply(tf.reshape(x, [-1, x.shape[x.rank - 1]])), [...x.shape.slice(0, -1), layer.outputs]);
}

/** IL-NODE: z(0) = h_x(x) with a linear input layer R^{n_x} → R^{n_z} (Dissecting §4 Eq 4). */
export function inputLayerODE(options: InputLayerODEOptions): ControlledODE {
  requireSize('dims', options.dims);
  requireSize('stateDims', options.stateDims);
  const lift = new MLP([options.dims, options.stateDims], { seed: options.seed + 1, activation: 'linear' });
  const f = fieldNetwork(options.stateDims, options.stateDims, options);
  const modules: Record<string, Module> = { input: lift, field: f };
  return new ControlledODE({
    inputNet: (x) => (options.image ? perPixel(lift, x) : lift.apply(x)),
    field: (_t, z) => f.apply(z),
    ...commonConfig(options, stateShape(options.stateDims, options.image), modules),
  });
}
