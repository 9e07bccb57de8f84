import { stat } from 'node:fs/promises';
import * as tf from '@tensorflow/tfjs-core';
import { FidInputError } from './errors';
import { FeatureStatistics } from './feature-statistics';
import { FidInceptionV3 } from './fid-inception';
import { frechetDistance, type FrechetOptions } from './frechet-distance';
import type { GaussianStatistics } from './gaussian-statistics';
import { listImages, readImageBatch } from './image-folder';
import { REFERENCE_WEIGHTS } from './inception-weights';
import { type FeatureMatrix, type KidOptions, type KidResult, kernelInceptionDistance } from './kernel-inception-distance';
import { loadStatistics } from './statistics-file';

/** A folder of PNG/JPEG images, a .npz statistics file, images [n, h, w, c] in [0, 1], or statistics. */
export type FidSource = string | tf.Tensor4D | GaussianStatistics;

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
export async function computeStatistics(images: string | tf.Tensor4D, options: StatisticsOptions): Promise<ComputedStatistics> {
  const { network } = options;
  const batchSize = options.batchSize ?? 16;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new FidInputError(`batchSize must be a positive integer, got ${batchSize}`);
  const label = options.label ?? (typeof images === 'string' ? images : 'images');
  const paths = typeof images === 'string' ? await listImages(images) : undefined;
  const total = paths?.length ?? (images as tf.Tensor4D).shape[0];
  if (paths === undefined && (images as tf.Tensor4D).rank !== 4) {
    throw new FidInputError(`computeStatistics: expected images [n, height, width, channels], got [${(images as tf.Tensor4D).shape}]`);
  }
  const statistics = new FeatureStatistics(network.featureDim);
  const kept = options.keepFeatures ? new Float32Array(total * network.featureDim) : undefined;
  const start = performance.now();
  for (let done = 0; done < total; ) {
    const size = Math.min(batchSize, total - done);
    const batch = paths !== undefined
      ? await readImageBatch(paths.slice(done, done + size))
      : tf.slice(images as tf.Tensor4D, [done, 0, 0, 0], [size, -1, -1, -1]);
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
  /** Path to pt_inception-2015-12-05-6726825d.pth or a tfjs weights manifest; or pass `network`. */
  weights?: string;
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

/** FID (and optionally KID) between two sources: folders, tensors, .npz files or statistics. */
export async function fid(a: FidSource, b: FidSource, options: FidOptions = {}): Promise<FidResult> {
  const kinds = await Promise.all([a, b].map(sourceKind));
  const needsNetwork = kinds.some((k) => k !== 'statistics');
  if (options.kid && kinds.includes('statistics')) throw new FidInputError('fid: KID needs images on both sides, not precomputed statistics');
  if (needsNetwork && options.network === undefined && options.weights === undefined) {
    throw new FidInputError(`fid: pass { weights: '<path>/${REFERENCE_WEIGHTS.file}' } (from ${REFERENCE_WEIGHTS.url}) or { network }`);
  }
  const network = needsNetwork ? options.network ?? await FidInceptionV3.load(options.weights!, options.onWarning) : undefined;
  try {
    let images = 0;
    let seconds = 0;
    const resolve = async (source: FidSource, kind: SourceKind, label: string): Promise<{ statistics: GaussianStatistics; features?: FeatureMatrix }> => {
      if (kind === 'statistics') return { statistics: typeof source === 'string' ? await loadStatistics(source) : (source as GaussianStatistics) };
      const computed = await computeStatistics(source as string | tf.Tensor4D, { ...options, network: network!, keepFeatures: Boolean(options.kid), label });
      images += computed.statistics.count!;
      seconds += computed.statistics.count! / computed.imagesPerSecond;
      return computed;
    };
    const first = await resolve(a, kinds[0], typeof a === 'string' ? a : 'first');
    const second = await resolve(b, kinds[1], typeof b === 'string' ? b : 'second');
    const value = frechetDistance(first.statistics, second.statistics, options);
    const kidOptions = typeof options.kid === 'object' ? options.kid : {};
    const kid = options.kid ? kernelInceptionDistance(first.features!, second.features!, kidOptions) : undefined;
    return { fid: value, kid, statistics: [first.statistics, second.statistics], imagesPerSecond: images > 0 ? images / seconds : undefined };
  } finally {
    if (options.network === undefined) network?.dispose();
  }
}

type SourceKind = 'statistics' | 'images';

async function sourceKind(source: FidSource): Promise<SourceKind> {
  if (source instanceof tf.Tensor) return 'images';
  if (typeof source !== 'string') return 'statistics';
  if (source.toLowerCase().endsWith('.npz')) return 'statistics';
  const isFolder = await stat(source).then((s) => s.isDirectory(), () => false);
  if (!isFolder) throw new FidInputError(`fid: ${source} is neither an image folder nor a .npz statistics file`);
  return 'images';
}
