import { createDataset, type ArrayDataset } from './dataset';
import { DataFileError } from './errors';
import type { IdxArray } from './idx';

/** What names the images and the labels in a `DataFileError`: their paths, URLs or any label. */
export interface IdxSources {
  images: string;
  labels: string;
}

/**
 * One image set from a parsed IDX images array [count, rows, cols] and its IDX labels array
 * [count]: uint8 NHWC [rows, cols, 1], labels 0…numClasses−1. Refuses images of zero rows or
 * columns, counts that differ and labels outside the classes.
 */
export function idxImageSet(images: IdxArray, labels: IdxArray, classNames: readonly string[], sources: IdxSources = { images: 'images', labels: 'labels' }): ArrayDataset {
  const [count, rows, cols] = images.dims;
  if (rows === 0 || cols === 0) throw new DataFileError(sources.images, `images of ${rows}×${cols} pixels; each dimension must be at least 1`);
  if (labels.dims[0] !== count) {
    throw new DataFileError(sources.labels, `holds ${labels.dims[0]} labels but ${sources.images} holds ${count} images; the two files must come from the same split`);
  }
  const bad = labels.data.findIndex((label) => label >= classNames.length);
  if (bad >= 0) throw new DataFileError(sources.labels, `label ${labels.data[bad]} at index ${bad} is outside 0…${classNames.length - 1}`);
  return createDataset({ x: images.data, xShape: [rows, cols, 1], y: Int32Array.from(labels.data), numClasses: classNames.length, classNames });
}
