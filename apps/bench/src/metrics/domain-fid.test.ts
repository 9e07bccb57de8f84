import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { DomainFeatureNet, domainFid, featureStatistics } from './domain-fid';

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
    expect(Math.abs(domainFid(reference, reference))).toBeLessThan(1e-4); // Fréchet distance of a set to itself
    const shifted = tf.add(images, 0.5);
    const far = domainFid(await featureStatistics(net, shifted), reference);
    expect(far).toBeGreaterThan(domainFid(await featureStatistics(net, tf.add(images, 0.1)), reference));
    net.dispose();
  });
});
