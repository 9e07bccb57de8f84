import * as tf from '@tensorflow/tfjs-core';

/**
 * Images read one batch at a time, from anywhere (a folder, decoded canvases, a generator): the
 * statistics never need them all in memory at once.
 */
export interface ImageBatches {
  /** How many images there are. */
  readonly count: number;
  /** Names the images in progress reports (default 'images'). */
  readonly label?: string;
  /** Images start … start + size − 1 as [size, height, width, channels] in [0, 1]; the caller disposes the tensor. */
  read(start: number, size: number): Promise<tf.Tensor4D>;
}

/** Whether `source` is images to read in batches rather than something else a score accepts. */
export function isImageBatches(source: object): source is ImageBatches {
  return typeof (source as Partial<ImageBatches>).read === 'function';
}

/** The images of a [n, height, width, channels] tensor as batches: slices of it. */
export function tensorBatches(images: tf.Tensor4D): ImageBatches {
  return { count: images.shape[0], read: async (start, size) => tf.slice(images, [start, 0, 0, 0], [size, -1, -1, -1]) };
}
