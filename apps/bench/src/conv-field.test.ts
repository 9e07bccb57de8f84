import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { ConvField, convolve } from './conv-field';
import { DomainFeatureNet, domainFid, featureStatistics } from './domain-fid';

describe('convolve (im2col)', () => {
  it('matches tf.conv2d with padding "same" for shared 3×3 and 1×1 kernels, and per-sample kernels sample by sample', () => {
    const x = tf.randomNormal([2, 5, 4, 3], 0, 1, 'float32', 1) as tf.Tensor4D;
    for (const size of [1, 3] as const) {
      const kernel = tf.randomNormal([size * size * 3, 2], 0, 1, 'float32', 2);
      const bias = tf.tensor1d([0.5, -1]);
      const reference = tf.add(tf.conv2d(x, tf.reshape(kernel, [size, size, 3, 2]) as tf.Tensor4D, 1, 'same'), bias);
      expect(tf.max(tf.abs(tf.sub(convolve(x, kernel, bias, size), reference))).dataSync()[0]).toBeLessThan(1e-5);
      const perSample = tf.stack([kernel, tf.mul(kernel, 2)]);
      const out = convolve(x, perSample, tf.stack([bias, bias]), size);
      const second = tf.add(tf.conv2d(tf.slice(x, [1], [1]), tf.reshape(tf.mul(kernel, 2), [size, size, 3, 2]) as tf.Tensor4D, 1, 'same'), bias);
      expect(tf.max(tf.abs(tf.sub(tf.slice(out, [1], [1]), second))).dataSync()[0]).toBeLessThan(1e-5);
    }
  });

  it('ConvField leaves no tensors behind and reads controlled kernels from θ', () => {
    const field = new ConvField(2, 3, 1, { seed: 0, controlled: [1] });
    expect(field.controlBlockSizes).toEqual([9 * 3 * 3 + 3]);
    const x = tf.ones([2, 4, 4, 2]) as tf.Tensor4D;
    const theta = tf.zeros([2, 84]);
    const before = tf.memory().numTensors;
    const out = field.apply(x, theta);
    expect(out.shape).toEqual([2, 4, 4, 1]);
    out.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(() => field.apply(x)).toThrow(/pass θ/);
    tf.dispose([x, theta]);
    field.dispose();
  });
});

describe('domain FID plumbing', () => {
  it('is ≈ 0 between a set and itself, grows with a shift of the images, and leaks nothing', async () => {
    const net = new DomainFeatureNet(16, 3, 0, 8);
    const images = tf.randomUniform([40, 4, 4, 1], 0, 1, 'float32', 5);
    const before = tf.memory().numTensors;
    const reference = await featureStatistics(net, images, 15);
    expect(tf.memory().numTensors).toBe(before);
    expect(reference.count).toBe(40);
    // The chunked mean equals the mean of the features computed in one go.
    const direct = tf.mean(net.features(images), 0).dataSync();
    expect(Math.max(...Array.from(direct, (v, i) => Math.abs(v - reference.mean[i])))).toBeLessThan(1e-5);
    expect(Math.abs(domainFid(reference, reference))).toBeLessThan(1e-4); // float64 √ of float32-rounded eigenvalues
    const shifted = tf.add(images, 0.5);
    const far = domainFid(await featureStatistics(net, shifted), reference);
    expect(far).toBeGreaterThan(domainFid(await featureStatistics(net, tf.add(images, 0.1)), reference));
    net.dispose();
  });
});
