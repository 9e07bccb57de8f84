import type { Activation } from '@tfode/nanode-bases';
import { ConvBlock } from './conv-block';
import type { ImageOptions } from './image-options';
import { MLP } from './mlp';

/**
 * The network of a field f from `inputs` to `outputs` values per position: on images the App C.2 conv
 * block (channels in and out), otherwise an MLP with `hidden` sizes (default [16]) and `activation`.
 */
export function fieldNetwork(
  inputs: number,
  outputs: number,
  options: { seed: number; hidden?: number[]; activation?: Activation; image?: ImageOptions },
): MLP | ConvBlock {
  if (options.image) return new ConvBlock(inputs, options.image.filters, { seed: options.seed, outputChannels: outputs });
  return new MLP([inputs, ...(options.hidden ?? [16]), outputs], { seed: options.seed, activation: options.activation });
}

/** The per-sample shape of a state with `channels` values per position: [H, W, channels] on images, else [channels]. */
export function stateShape(channels: number, image?: ImageOptions): number[] {
  return image ? [image.height, image.width, channels] : [channels];
}
