import type * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from '@tfode/ode-core';
import type { Activation } from '@tfode/nanode-bases';
import { zeroAugment } from './augmented-ode';
import { ConvBlock } from './conv-block';
import { controlBlockSizes } from './control-split';
import type { AugmentedImageOptions } from './image-options';
import { MLP } from './mlp';
import { requireSize } from './model-options';

/** The equation of motion f of an N-CODE model, some of whose weights are the control θ. */
export interface ControlledFieldOptions {
  /** d features, or C channels of images [B, H, W, C]. */
  dims: number;
  /** Hidden sizes of an MLP field (vector data); default [16]. */
  hidden?: number[];
  /** Which weights θ provides: 'all' (default), MLP layer / conv indices, or 'inner' (the conv block's 3×3). */
  controlled?: 'all' | 'inner' | number[];
  /** Image data with the App C.2 conv block; `augment` zero channels are appended (ANODE-style). */
  image?: AugmentedImageOptions;
}

export interface ControlledField {
  net: MLP | ConvBlock;
  /** The per-sample shape of x: [d], or [H, W, C + a]. */
  stateShape: number[];
  /** Values per sample of the raw input. */
  inputSize: number;
  /** Sizes of the controlled blocks, one per controlled layer (kernel and bias together). */
  blockSizes: number[];
  /** Fan-in of each controlled layer (its kernel's rows). */
  blockFanIns: number[];
  inputNet?: (x: tf.Tensor) => tf.Tensor;
}

export function controlledField(options: ControlledFieldOptions, seed: number, activation?: Activation): ControlledField {
  requireSize('dims', options.dims);
  const { image } = options;
  const controlled = options.controlled ?? 'all';
  let net: MLP | ConvBlock;
  let stateShape: number[];
  let inputSize: number;
  let inputNet: ((x: tf.Tensor) => tf.Tensor) | undefined;
  if (image) {
    const augment = image.augment ?? 0;
    net = new ConvBlock(options.dims + augment, image.filters, { seed, controlled });
    inputSize = image.height * image.width * options.dims;
    stateShape = [image.height, image.width, options.dims + augment];
    if (augment > 0) inputNet = (x) => zeroAugment(x, augment);
  } else {
    if (controlled === 'inner') throw new InvalidArgumentError("controlled 'inner' applies to the conv block (image); give layer indices for an MLP");
    net = new MLP([options.dims, ...(options.hidden ?? [16]), options.dims], { seed, activation, controlled });
    inputSize = options.dims;
    stateShape = [options.dims];
  }
  if (net.controlShapes.length === 0) throw new InvalidArgumentError('an N-CODE field needs at least one controlled layer');
  const blockFanIns = net.controlShapes.filter((_, i) => i % 2 === 0).map(([rows]) => rows);
  return { net, stateShape, inputSize, blockSizes: controlBlockSizes(net.controlShapes), blockFanIns, inputNet };
}
