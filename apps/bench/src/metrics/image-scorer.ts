import type * as tf from '@tensorflow/tfjs-core';
import { computeStatistics, fid, type GaussianStatistics } from '@tfode/metrics-fid';
import { loadFidInceptionV3 } from '@tfode/metrics-fid/node';
import { domainFid, featureStatistics, type DomainFeatureNet } from './domain-fid';

/** How generated images are scored against the test images: FID with Inception weights, else the domain FID. */
export interface ImageScorer {
  /** The metric in words, for the report. */
  metric: string;
  score(images: tf.Tensor4D): Promise<number>;
  dispose(): void;
}

/** FID (@tfode/metrics-fid) with Inception-V3 from `weights`, against the statistics of `test`. */
export async function inceptionScorer(weights: string, test: tf.Tensor4D): Promise<ImageScorer> {
  const network = await loadFidInceptionV3(weights);
  const reference: GaussianStatistics = (await computeStatistics(test, { network })).statistics;
  return {
    metric: 'FID (Inception-V3 pool features, @tfode/metrics-fid)',
    score: async (images) => (await fid(images, reference, { network })).fid,
    dispose: () => network.dispose(),
  };
}

/** The domain FID: the Fréchet distance of `net`'s features to those of `test`. */
export async function domainScorer(net: DomainFeatureNet, test: tf.Tensor4D): Promise<ImageScorer> {
  const reference = await featureStatistics(net, test);
  return {
    metric: 'domain FID (Fréchet distance of the 2048-d penultimate features of a classifier trained on this data set; not comparable with Inception FIDs)',
    score: async (images) => domainFid(await featureStatistics(net, images), reference),
    dispose: () => undefined,
  };
}
