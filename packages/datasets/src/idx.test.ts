import { describe, expect, it } from 'vitest';
import { MNIST_CLASS_NAMES } from './class-names';
import { DataFileError } from './errors';
import { IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC, parseIdx } from './idx';
import { idxImageSet } from './idx-image-set';
import { idxFile } from './test-files';

describe('IDX bytes in memory', () => {
  const pixels = Uint8Array.from({ length: 3 * 2 * 4 }, (_, i) => i * 10);
  const imagesBytes = idxFile(IDX_IMAGES_MAGIC, [3, 2, 4], pixels);
  const labelsBytes = idxFile(IDX_LABELS_MAGIC, [3], Uint8Array.from([7, 0, 9]));
  /** The bytes in an ArrayBuffer of their own, as `fetch(...).arrayBuffer()` gives them. */
  const arrayBufferOf = (bytes: Uint8Array) => new Uint8Array(bytes).buffer;

  it('parses a Uint8Array or an ArrayBuffer into dimensions and pixels', () => {
    for (const bytes of [new Uint8Array(imagesBytes), arrayBufferOf(imagesBytes)]) {
      const images = parseIdx(bytes, 'train-images', IDX_IMAGES_MAGIC);
      expect(images.dims).toEqual([3, 2, 4]);
      expect(Array.from(images.data)).toEqual(Array.from(pixels));
    }
  });

  it('names the source in its errors', () => {
    expect(() => parseIdx(arrayBufferOf(labelsBytes), 'https://example.org/labels', IDX_IMAGES_MAGIC)).toThrow(DataFileError);
    expect(() => parseIdx(arrayBufferOf(labelsBytes), 'https://example.org/labels', IDX_IMAGES_MAGIC)).toThrow('https://example.org/labels: wrong magic number 2049 (0x00000801); expected 2051');
    expect(() => parseIdx(imagesBytes.subarray(0, 3), 'short', IDX_IMAGES_MAGIC)).toThrow('short: only 3 bytes; an IDX file starts with a 4-byte magic number');
  });

  it('pairs images with labels into an NHWC image set', () => {
    const images = parseIdx(imagesBytes, 'images', IDX_IMAGES_MAGIC);
    const set = idxImageSet(images, parseIdx(labelsBytes, 'labels', IDX_LABELS_MAGIC), MNIST_CLASS_NAMES);
    expect(set.xShape).toEqual([2, 4, 1]);
    expect(Array.from(set.y)).toEqual([7, 0, 9]);
    expect(set.classNames).toEqual(MNIST_CLASS_NAMES);
    const two = parseIdx(idxFile(IDX_LABELS_MAGIC, [2], Uint8Array.from([1, 2])), 'two', IDX_LABELS_MAGIC);
    expect(() => idxImageSet(images, two, MNIST_CLASS_NAMES, { images: 'a.idx', labels: 'b.idx' })).toThrow('b.idx: holds 2 labels but a.idx holds 3 images');
  });
});
