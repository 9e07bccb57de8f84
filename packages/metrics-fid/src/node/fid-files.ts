/**
 * `fid` and `computeStatistics` that also take paths: a folder of PNG/JPEG images, a .npz statistics
 * file, and the weight file to build the network from.
 */
import { stat } from 'node:fs/promises';
import type * as tf from '@tensorflow/tfjs-core';
import { FidInputError } from '../errors';
import {
  computeStatistics as computeFromImages, type ComputedStatistics, fid as fidOfSources, type FidOptions, type FidResult, type FidSource,
  needsNetwork, type SourceKind, sourceKind, type StatisticsOptions,
} from '../fid';
import type { ImageBatches } from '../image-batches';
import { REFERENCE_WEIGHTS } from '../inception-weights';
import { imageFolderBatches } from './image-folder';
import { loadFidInceptionV3 } from './inception-weights-file';
import { loadStatistics } from './statistics-file';

/** A folder of PNG/JPEG images or a .npz statistics file (by path), or any source of the main entry. */
export type FidFileSource = string | FidSource;

export interface FidFileOptions extends FidOptions {
  /** Path to pt_inception-2015-12-05-6726825d.pth or a tfjs weights manifest, loaded for this call; or pass `network`. */
  weights?: string;
}

/** Inception features of every image (a folder by path, a tensor or image batches), reduced to float64 mean and covariance. */
export async function computeStatistics(images: string | tf.Tensor4D | ImageBatches, options: StatisticsOptions): Promise<ComputedStatistics> {
  return computeFromImages(typeof images === 'string' ? await imageFolderBatches(images) : images, options);
}

/** FID (and optionally KID) between two sources: folders, .npz files, tensors, image batches or statistics. */
export async function fid(a: FidFileSource, b: FidFileSource, options: FidFileOptions = {}): Promise<FidResult> {
  // one source after the other: where both are wrong, the error names the first, every time
  const kinds = [await fileSourceKind(a), await fileSourceKind(b)];
  const network = needsNetwork(kinds, options) ? options.network ?? await networkFromWeights(options) : undefined;
  try {
    const [first, second] = [await openSource(a), await openSource(b)];
    return await fidOfSources(first, second, { ...options, network });
  } finally {
    if (options.network === undefined) network?.dispose();
  }
}

async function networkFromWeights(options: FidFileOptions) {
  if (options.weights === undefined) {
    throw new FidInputError(`fid: pass { weights: '<path>/${REFERENCE_WEIGHTS.file}' } (from ${REFERENCE_WEIGHTS.url}) or { network }`);
  }
  return loadFidInceptionV3(options.weights, options.onWarning);
}

async function fileSourceKind(source: FidFileSource): Promise<SourceKind> {
  if (typeof source !== 'string') return sourceKind(source);
  if (source.toLowerCase().endsWith('.npz')) return 'statistics';
  const isFolder = await stat(source).then((s) => s.isDirectory(), () => false);
  if (!isFolder) throw new FidInputError(`fid: ${source} is neither an image folder nor a .npz statistics file`);
  return 'images';
}

/** A path opened as what it holds: statistics read from a .npz, or a folder's images as batches. */
async function openSource(source: FidFileSource): Promise<FidSource> {
  if (typeof source !== 'string') return source;
  return source.toLowerCase().endsWith('.npz') ? loadStatistics(source) : imageFolderBatches(source);
}
