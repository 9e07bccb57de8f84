/**
 * Images from a folder, as pytorch-fid reads them: files sorted by name, converted to RGB (alpha
 * dropped), values in [0, 1]. PNG decoding is exact; JPEG goes through jpeg-js, whose IDCT may
 * differ from PIL's libjpeg in the last bit of a few pixels.
 */
import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import jpeg from 'jpeg-js';
import pngjs from 'pngjs';
import { FidFileError } from '../errors';
import type { ImageBatches } from '../image-batches';
import { INCEPTION_INPUT_SIZE } from '../inception-architecture';

const DECODERS: Record<string, (bytes: Buffer) => { width: number; height: number; data: Uint8Array; channels: number }> = {
  '.png': (bytes) => ({ ...pngjs.PNG.sync.read(bytes), channels: 4 }),
  '.jpg': (bytes) => ({ ...jpeg.decode(bytes, { useTArray: true, formatAsRGBA: false }), channels: 3 }),
  '.jpeg': (bytes) => ({ ...jpeg.decode(bytes, { useTArray: true, formatAsRGBA: false }), channels: 3 }),
};

/** The PNG/JPEG files of a folder, sorted by name; error if there are none. */
export async function listImages(folder: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error) {
    throw new FidFileError(`cannot list image folder ${folder}: ${(error as Error).message}`);
  }
  const images = names.filter((name) => extname(name).toLowerCase() in DECODERS).sort().map((name) => join(folder, name));
  if (images.length === 0) throw new FidFileError(`${folder} holds no .png/.jpg/.jpeg images; convert other formats to PNG`);
  return images;
}

/** Decodes one image to a [height, width, 3] float32 tensor in [0, 1]. */
export async function readImage(path: string): Promise<tf.Tensor3D> {
  const decode = DECODERS[extname(path).toLowerCase()];
  if (decode === undefined) throw new FidFileError(`${path}: unsupported image type; use PNG or JPEG`);
  let image: ReturnType<typeof decode>;
  try {
    image = decode(await readFile(path));
  } catch (error) {
    throw new FidFileError(`${path}: cannot decode image (${(error as Error).message})`);
  }
  const { width, height, data, channels } = image;
  const rgb = new Float32Array(width * height * 3);
  for (let p = 0; p < width * height; p++) {
    for (let c = 0; c < 3; c++) rgb[p * 3 + c] = data[p * channels + c] / 255;
  }
  return tf.tensor3d(rgb, [height, width, 3]);
}

/**
 * Reads `paths` as one batch [n, h, w, 3]. Images of different sizes are each resized to 299×299
 * first (what the network does anyway), so a folder may mix sizes.
 */
export async function readImageBatch(paths: readonly string[]): Promise<tf.Tensor4D> {
  const images = await Promise.all(paths.map(readImage));
  const sameSize = images.every((im) => im.shape[0] === images[0].shape[0] && im.shape[1] === images[0].shape[1]);
  const batch = tf.tidy(() =>
    sameSize
      ? tf.stack(images)
      : tf.concat(images.map((im) => tf.image.resizeBilinear(tf.expandDims(im, 0) as tf.Tensor4D, [INCEPTION_INPUT_SIZE, INCEPTION_INPUT_SIZE], false, true))),
  ) as tf.Tensor4D;
  tf.dispose(images);
  return batch;
}

/** The PNG/JPEG images of a folder (listed now, sorted by name) as batches read when asked for. */
export async function imageFolderBatches(folder: string): Promise<ImageBatches> {
  const paths = await listImages(folder);
  return { count: paths.length, label: folder, read: (start, size) => readImageBatch(paths.slice(start, start + size)) };
}
