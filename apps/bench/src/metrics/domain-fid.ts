import * as tf from '@tensorflow/tfjs-core';
import { batchCount, batches, type ArrayDataset } from '@tfode/datasets';
import { FeatureStatistics, frechetDistance, type GaussianStatistics } from '@tfode/metrics-fid';
import { MLP, Module } from '@tfode/ncode';
import { crossEntropy } from '../training/cross-entropy';
import type { TrainingJob } from '../training/resumable-training';

/**
 * The feature network of the *domain FID*: a small classifier trained on the data set itself
 * (pixels → 512 → 2048 → classes, ReLU), whose 2048-d penultimate activations stand in for
 * Inception-V3's pool features when no Inception weights are given. Its values are not comparable
 * with published FIDs — only with each other, on the same data set and feature network.
 */
export class DomainFeatureNet extends Module {
  static readonly featureDim = 2048;
  private readonly trunk: MLP;
  private readonly head: MLP;

  constructor(readonly inputs: number, classes: number, seed: number, hidden = 512) {
    super();
    this.trunk = this.addModule('trunk', new MLP([inputs, hidden, DomainFeatureNet.featureDim], { seed, activation: 'relu', outputActivation: 'relu' }));
    this.head = this.addModule('head', new MLP([DomainFeatureNet.featureDim, classes], { seed: seed + 1, activation: 'linear' }));
  }

  /** images [B, H, W, C] (or [B, inputs]) in [0, 1] → features [B, 2048]. */
  features(images: tf.Tensor): tf.Tensor2D {
    return tf.tidy(() => this.trunk.apply(tf.reshape(images, [images.shape[0], this.inputs])));
  }

  logits(images: tf.Tensor): tf.Tensor2D {
    return tf.tidy(() => this.head.apply(this.features(images)));
  }
}

/** The feature network as a training job (Adam 1e-3, cross-entropy), so it is checkpointed with the rest. */
export function domainFeatureJob(train: ArrayDataset, options: { epochs: number; batchSize: number; seed: number }): TrainingJob<DomainFeatureNet> {
  const inputs = train.xShape.reduce((p, d) => p * d, 1);
  return {
    name: 'domain-feature-net',
    epochs: options.epochs,
    stepsPerEpoch: batchCount(train.size, { batchSize: options.batchSize }),
    build: () => ({ model: new DomainFeatureNet(inputs, train.numClasses ?? 10, options.seed + 500), optimizer: tf.train.adam(1e-3) }),
    async trainEpoch(model, optimizer, epoch, tick) {
      let loss = 0;
      let steps = 0;
      for await (const { x, y } of batches(train, { batchSize: options.batchSize, seed: options.seed + 500, epoch })) {
        const value = optimizer.minimize(() => crossEntropy(y, model.logits(x)), true, model.variables)!;
        loss += (await value.data())[0];
        value.dispose();
        steps += 1;
        tick();
      }
      return { loss: loss / steps };
    },
  };
}

/**
 * Mean and unbiased covariance of the features of `images` [N, ...] in [0, 1], computed chunk by chunk
 * and accumulated in float64 by @tfode/metrics-fid's FeatureStatistics (the same statistics as a real FID).
 */
export async function featureStatistics(net: DomainFeatureNet, images: tf.Tensor, chunk = 500): Promise<GaussianStatistics> {
  const n = images.shape[0];
  if (n < 2) throw new Error(`featureStatistics needs at least 2 images, got ${n}`);
  const statistics = new FeatureStatistics(DomainFeatureNet.featureDim);
  for (let from = 0; from < n; from += chunk) {
    const features = tf.tidy(() => net.features(tf.slice(images, [from], [Math.min(chunk, n - from)])));
    await statistics.addTensor(features);
    features.dispose();
  }
  return statistics.toGaussian();
}

/** Domain FID: the Fréchet distance (Heusel et al., via @tfode/metrics-fid) between two feature statistics. */
export function domainFid(a: GaussianStatistics, b: GaussianStatistics): number {
  return frechetDistance(a, b, { onWarning: () => undefined });
}
