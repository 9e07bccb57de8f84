import * as tf from '@tensorflow/tfjs-core';
import { FidInputError } from './errors';
import { FeatureStatistics } from './feature-statistics';
import type { FidInceptionV3 } from './fid-inception';
import { frechetDistance, type FrechetOptions } from './frechet-distance';
import type { GaussianStatistics } from './gaussian-statistics';
import { type ImageBatches, isImageBatches, tensorBatches } from './image-batches';
import { REFERENCE_WEIGHTS } from './inception-weights';
import { type FeatureMatrix, type KidOptions, type KidResult, kernelInceptionDistance } from './kernel-inception-distance';

/** Images [n, h, w, c] in [0, 1], images read in batches, or precomputed statistics. */
export type FidSource = tf.Tensor4D | ImageBatches | GaussianStatistics;

export interface FidProgress {
  readonly label: string;
  readonly done: number;
  readonly total: number;
  readonly imagesPerSecond: number;
}

export interface StatisticsOptions {
  network: FidInceptionV3;
  /** Images per forward pass (default 16); bounds memory. */
  batchSize?: number;
  /** Keep the raw features too (needed for KID; 8 KB per image). */
  keepFeatures?: boolean;
  onProgress?: (progress: FidProgress) => void;
  label?: string;
}

export interface ComputedStatistics {
  readonly statistics: GaussianStatistics;
  readonly features?: FeatureMatrix;
  readonly imagesPerSecond: number;
}

/** Inception features of every image, reduced batch by batch to float64 mean and covariance. */
export async function computeStatistics(images: tf.Tensor4D | ImageBatches, options: StatisticsOptions): Promise<ComputedStatistics> {
  const { network } = options;
  const batchSize = options.batchSize ?? 16;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new FidInputError(`batchSize must be a positive integer, got ${batchSize}`);
  if (!isImageBatches(images) && images.rank !== 4) {
    throw new FidInputError(`computeStatistics: expected images [n, height, width, channels], got [${images.shape}]`);
  }
  const source = isImageBatches(images) ? images : tensorBatches(images);
  const label = options.label ?? source.label ?? 'images';
  const total = source.count;
  const statistics = new FeatureStatistics(network.featureDim);
  const kept = options.keepFeatures ? new Float32Array(total * network.featureDim) : undefined;
  const start = performance.now();
  for (let done = 0; done < total; ) {
    const size = Math.min(batchSize, total - done);
    const batch = await source.read(done, size);
    try {
      const features = network.features(batch);
      const values = await features.data();
      features.dispose();
      statistics.add(values, size);
      kept?.set(values, done * network.featureDim);
    } finally {
      batch.dispose();
    }
    done += size;
    options.onProgress?.({ label, done, total, imagesPerSecond: done / ((performance.now() - start) / 1000) });
  }
  const imagesPerSecond = total / ((performance.now() - start) / 1000);
  const features = kept === undefined ? undefined : { rows: total, dim: network.featureDim, data: kept };
  return { statistics: statistics.toGaussian(), features, imagesPerSecond };
}

export interface FidOptions extends FrechetOptions, Omit<StatisticsOptions, 'network' | 'keepFeatures' | 'label'> {
  /** The feature extractor; needed when a side is images. The caller keeps it and disposes it. */
  network?: FidInceptionV3;
  /** Also compute KID (needs images on both sides). */
  kid?: boolean | KidOptions;
}

export interface FidResult {
  readonly fid: number;
  readonly kid?: KidResult;
  readonly statistics: readonly [GaussianStatistics, GaussianStatistics];
  /** Feature-extraction throughput over all images processed, when any were. */
  readonly imagesPerSecond?: number;
}

export type SourceKind = 'statistics' | 'images';

export function sourceKind(source: FidSource): SourceKind {
  return source instanceof tf.Tensor || isImageBatches(source) ? 'images' : 'statistics';
}

/** Whether scoring sources of these kinds needs the network; throws when the pair cannot be scored (KID on statistics). */
export function needsNetwork(kinds: readonly SourceKind[], options: Pick<FidOptions, 'kid'>): boolean {
  if (options.kid && kinds.includes('statistics')) throw new FidInputError('fid: KID needs images on both sides, not precomputed statistics');
  return kinds.includes('images');
}

/** FID (and optionally KID) between two sources: tensors, image batches or statistics. */
export async function fid(a: FidSource, b: FidSource, options: FidOptions = {}): Promise<FidResult> {
  const { network } = options;
  if (needsNetwork([a, b].map(sourceKind), options) && network === undefined) {
    throw new FidInputError(
      `fid: images need { network }: FidInceptionV3.fromWeights(await readTorchStateDict(<the bytes of ${REFERENCE_WEIGHTS.file}>)) (from ${REFERENCE_WEIGHTS.url})`,
    );
  }
  let images = 0;
  let seconds = 0;
  const resolve = async (source: FidSource, label: string): Promise<{ statistics: GaussianStatistics; features?: FeatureMatrix }> => {
    if (sourceKind(source) === 'statistics') return { statistics: source as GaussianStatistics };
    const batches = source as tf.Tensor4D | ImageBatches;
    const computed = await computeStatistics(batches, { ...options, network: network!, keepFeatures: Boolean(options.kid), label: isImageBatches(batches) ? batches.label ?? label : label });
    images += computed.statistics.count!;
    seconds += computed.statistics.count! / computed.imagesPerSecond;
    return computed;
  };
  const first = await resolve(a, 'first');
  const second = await resolve(b, 'second');
  const value = frechetDistance(first.statistics, second.statistics, options);
  const kidOptions = typeof options.kid === 'object' ? options.kid : {};
  const kid = options.kid ? kernelInceptionDistance(first.features!, second.features!, kidOptions) : undefined;
  return { fid: value, kid, statistics: [first.statistics, second.statistics], imagesPerSecond: images > 0 ? images / seconds : undefined };
}
