import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { batchCount, batches, epochOrder, makeBatch, toTensors } from './batches';
import { createDataset } from './dataset';
import { InvalidArgumentError } from './errors';

// 10 "images" of 2×1×3 pixels: example i has value 10·i + k at flat position k.
const images = createDataset({
  x: Uint8Array.from({ length: 10 * 6 }, (_, j) => 10 * Math.floor(j / 6) + (j % 6)),
  xShape: [2, 1, 3],
  y: Int32Array.from({ length: 10 }, (_, i) => i % 4),
  numClasses: 4,
});

describe('batches', () => {
  it('makes NHWC float32 batches in [0, 1] with one-hot labels', () => {
    const batch = makeBatch(images, [3, 0]);
    expect(batch.x.shape).toEqual([2, 2, 1, 3]);
    expect(batch.x.dtype).toBe('float32');
    const x = batch.x.dataSync();
    expect(x[0]).toBeCloseTo(30 / 255, 7);
    expect(x[11]).toBeCloseTo(5 / 255, 7);
    expect(Array.from(batch.y.dataSync())).toEqual([0, 0, 0, 1, 1, 0, 0, 0]);
    tf.dispose([batch.x, batch.y]);
  });

  it('gives int32 class indices with oneHot: false, and standardises per channel', () => {
    const batch = makeBatch(images, [1], { oneHot: false, normalize: { mean: [0.1, 0.2, 0.3], std: [0.5, 1, 2] } });
    expect(batch.y.dtype).toBe('int32');
    expect(Array.from(batch.y.dataSync())).toEqual([1]);
    const x = batch.x.dataSync();
    // Position k of example 1 holds 10 + k, channel k % 3.
    for (let k = 0; k < 6; k++) expect(x[k]).toBeCloseTo(((10 + k) / 255 - [0.1, 0.2, 0.3][k % 3]) / [0.5, 1, 2][k % 3], 6);
    tf.dispose([batch.x, batch.y]);
    expect(() => makeBatch(images, [0], { normalize: { mean: [0, 0], std: 1 } })).toThrow(InvalidArgumentError);
  });

  it('passes float targets through unchanged', () => {
    const regression = createDataset({ x: Float32Array.from([1, 2, 3, 4]), xShape: [2], y: Float32Array.from([5, 6, 7, 8, 9, 10]), yShape: [3] });
    const all = toTensors(regression);
    expect(all.y.shape).toEqual([2, 3]);
    expect(Array.from(all.x.dataSync())).toEqual([1, 2, 3, 4]);
    expect(Array.from(all.y.dataSync())).toEqual([5, 6, 7, 8, 9, 10]);
    tf.dispose([all.x, all.y]);
  });

  it('visits every example once per epoch, in an order fixed by (seed, epoch)', async () => {
    const seen: number[] = [];
    for await (const batch of batches(images, { batchSize: 4, seed: 3 })) {
      const x = batch.x.dataSync();
      for (let b = 0; b < batch.x.shape[0]; b++) seen.push(Math.round(x[b * 6] * 255) / 10);
    }
    expect([...seen].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(seen).toEqual(Array.from(epochOrder(10, { seed: 3 })));
    expect(Array.from(epochOrder(10, { seed: 3, epoch: 1 }))).not.toEqual(seen);
    expect(Array.from(epochOrder(10, { shuffle: false }))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect([batchCount(10, { batchSize: 4 }), batchCount(10, { batchSize: 4, dropRemainder: true })]).toEqual([3, 2]);
  });

  it('keeps at most one batch alive and leaks nothing over a full epoch or an early break', async () => {
    const before = tf.memory().numTensors;
    let count = 0;
    for await (const batch of batches(images, { batchSize: 3 })) {
      count++;
      expect(tf.memory().numTensors).toBe(before + 2);
      expect(batch.x.isDisposed).toBe(false);
    }
    expect(count).toBe(4);
    expect(tf.memory().numTensors).toBe(before);
    for await (const batch of batches(images, { batchSize: 3, dropRemainder: true })) {
      expect(batch.x.shape[0]).toBe(3);
      break;
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects a bad batch size', async () => {
    await expect(batches(images, { batchSize: 0 }).next()).rejects.toThrow(InvalidArgumentError);
  });
});
