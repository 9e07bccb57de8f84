import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FidInputError } from './errors';
import { FidInceptionV3 } from './fid-inception';
import { SeededRandom } from '@tfode/seeded-random';

// Torch's features for the same seeded weights and input (fixtures/make-fixtures.py).
const reference: { weightSeed: number; inputSeed: number; height: number; width: number; features: number[] } = JSON.parse(
  readFileSync(join(__dirname, '..', 'fixtures', 'seeded-features.json'), 'utf8'),
);

function seededImage(seed: number, height: number, width: number): tf.Tensor4D {
  const random = new SeededRandom(seed);
  return tf.tensor4d(Float32Array.from({ length: height * width * 3 }, () => random.uniform()), [1, height, width, 3]);
}

describe('pooling semantics the network relies on (active backend)', () => {
  it("average pools with 'same' padding divide by the cells inside the image, as TensorFlow does", () => {
    const ones = tf.ones([1, 3, 3, 1]) as tf.Tensor4D;
    const pooled = tf.avgPool(ones, 3, 1, 'same');
    expect(Array.from(pooled.dataSync())).toEqual(new Array(9).fill(1)); // 4/9 at corners if padding counted
    tf.dispose([ones, pooled]);
  });
});

// A 299×299 forward pass is ~6 GFLOP: run this file on wasm (much faster than cpu), restore afterwards.
describe('FidInceptionV3 (random weights)', () => {
  let previousBackend: string;
  let net: FidInceptionV3;
  beforeAll(async () => {
    previousBackend = tf.getBackend();
    await tf.setBackend('wasm');
    net = FidInceptionV3.random(reference.weightSeed);
  });
  afterAll(async () => {
    net.dispose();
    await tf.setBackend(previousBackend);
  });

  it('matches torch (torchvision Inception3 with the FID blocks) on the same weights and input', () => {
    const image = seededImage(reference.inputSeed, reference.height, reference.width);
    const before = tf.memory().numTensors;
    const features = net.features(image);
    expect(tf.memory().numTensors).toBe(before + 1);
    expect(features.shape).toEqual([1, 2048]);
    const values = features.dataSync();
    const scale = Math.max(...reference.features.map(Math.abs));
    let worst = 0;
    reference.features.forEach((v, i) => (worst = Math.max(worst, Math.abs(values[i] - v))));
    expect(worst / scale).toBeLessThan(1e-4);
    tf.dispose([image, features]);
  });

  it('gives finite 2048-d features for a 299×299 batch and a 32×32 grey image', () => {
    const big = tf.randomUniform([1, 299, 299, 3], 0, 1, 'float32', 3) as tf.Tensor4D;
    const grey = tf.randomUniform([1, 32, 32, 1], 0, 1, 'float32', 4) as tf.Tensor4D;
    for (const images of [big, grey]) {
      const features = net.features(images);
      expect(features.shape).toEqual([1, 2048]);
      expect(features.dataSync().every(Number.isFinite)).toBe(true);
      features.dispose();
    }
    tf.dispose([big, grey]);
  });

  it('releases every weight tensor on dispose', () => {
    const before = tf.memory().numTensors;
    const other = FidInceptionV3.random(2);
    expect(tf.memory().numTensors).toBe(before + 2 * 94);
    other.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(() => other.features(tf.zeros([1, 8, 8, 3]) as tf.Tensor4D)).toThrow(/disposed/);
  });

  it('rejects wrong shapes, NaN and pixel values outside [0, 1]', () => {
    const wrong = tf.zeros([1, 8, 8, 2]) as tf.Tensor4D;
    const nan = tf.fill([1, 8, 8, 3], Number.NaN) as tf.Tensor4D;
    const bytes = tf.fill([1, 8, 8, 3], 255) as tf.Tensor4D;
    const before = tf.memory().numTensors;
    expect(() => net.features(wrong)).toThrow(FidInputError);
    expect(() => net.features(nan)).toThrow(/NaN/);
    expect(() => net.features(bytes)).toThrow(/divide 8-bit pixels by 255/);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([wrong, nan, bytes]);
  });
});
