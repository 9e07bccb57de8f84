import { existsSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { batches } from '../batches';
import { classCounts } from '../dataset';
import { DEBIAN_FASHION_MNIST_DIR, loadFashionMnist } from './fashion-mnist';

const installed = existsSync(DEBIAN_FASHION_MNIST_DIR);
if (!installed) console.warn(`skipping the real Fashion-MNIST test: ${DEBIAN_FASHION_MNIST_DIR} is absent (apt-get install dataset-fashion-mnist)`);

describe.skipIf(!installed)(`real Fashion-MNIST from ${DEBIAN_FASHION_MNIST_DIR}`, () => {
  it('reads 60,000 + 10,000 28×28 images with 6,000 / 1,000 of each class', async () => {
    const { train, test } = await loadFashionMnist();
    expect([train.size, test.size]).toEqual([60_000, 10_000]);
    expect(train.xShape).toEqual([28, 28, 1]);
    expect(train.x.length).toBe(60_000 * 784);
    expect(classCounts(train)).toEqual(new Array(10).fill(6000));
    expect(classCounts(test)).toEqual(new Array(10).fill(1000));
    expect(train.classNames?.[9]).toBe('Ankle boot');
    // Real photographs: dark background, bright garment, every byte value in use.
    const values = new Set(train.x.subarray(0, 784 * 100));
    expect(values.size).toBeGreaterThan(200);
  });

  it('feeds a full epoch of the test split as one-hot batches without leaking a tensor', async () => {
    const { test } = await loadFashionMnist();
    const before = tf.memory().numTensors;
    const perClass = new Array<number>(10).fill(0);
    let pixelSum = 0;
    const sumOver = (t: tf.Tensor, axis?: number) => {
      const total = tf.sum(t, axis);
      const values = total.dataSync();
      total.dispose();
      return values;
    };
    for await (const batch of batches(test, { batchSize: 1000, seed: 1 })) {
      expect(tf.memory().numTensors).toBe(before + 2);
      sumOver(batch.y, 0).forEach((count, c) => (perClass[c] += count));
      // Summed on the host in double precision: this checks the batches' contents, not a backend's float32 reduction.
      for (const v of batch.x.dataSync()) pixelSum += v;
    }
    expect(perClass).toEqual(new Array(10).fill(1000));
    let exact = 0;
    for (const v of test.x) exact += v / 255;
    expect(Math.abs(pixelSum - exact) / exact).toBeLessThan(1e-6);
    expect(tf.memory().numTensors).toBe(before);
  });
});
