import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { FidInputError } from './errors';
import { computeStatistics, fid } from './fid';
import { FidInceptionV3 } from './fid-inception';
import type { ImageBatches } from './image-batches';

// The main entry's fid on what a browser holds; paths and forward passes are tested with ./node's fid.
describe('fid without files', () => {
  const stats = { dim: 1, mean: Float64Array.of(0), covariance: Float64Array.of(1) };
  const shifted = { dim: 1, mean: Float64Array.of(2), covariance: Float64Array.of(1) };

  it('scores statistics against statistics without a network', async () => {
    expect((await fid(stats, stats)).fid).toBe(0);
    expect((await fid(stats, shifted)).fid).toBeCloseTo(4, 12);
  });

  it('says how to get the network when a side is images, and refuses KID on statistics', async () => {
    const images = tf.zeros([1, 4, 4, 3]) as tf.Tensor4D;
    const batches: ImageBatches = { count: 1, read: async () => tf.zeros([1, 4, 4, 3]) };
    for (const source of [images, batches]) {
      await expect(fid(source, stats)).rejects.toThrow(FidInputError);
      await expect(fid(source, stats)).rejects.toThrow(/fid: images need \{ network \}: FidInceptionV3.fromWeights\(await readTorchStateDict\(/);
    }
    await expect(fid(stats, stats, { kid: true })).rejects.toThrow(/KID needs images on both sides/);
    images.dispose();
  });

  it('refuses images of the wrong rank before reading any', async () => {
    const network = { featureDim: 2048 } as FidInceptionV3;
    const flat = tf.zeros([2, 3]) as unknown as tf.Tensor4D;
    await expect(computeStatistics(flat, { network })).rejects.toThrow(/computeStatistics: expected images \[n, height, width, channels\], got \[2,3\]/);
    flat.dispose();
  });
});
