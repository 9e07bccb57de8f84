import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataFileError } from '../errors';
import { IDX_IMAGES_MAGIC, IDX_LABELS_MAGIC } from '../idx';
import { idxFile as idx } from '../test-files';
import { readIdx } from './idx-file';
import { loadIdxImageSet, loadMnist } from './mnist-format';

describe('IDX files', () => {
  let dir: string;
  const pixels = Uint8Array.from({ length: 3 * 2 * 4 }, (_, i) => i * 10);
  const labels = Uint8Array.from([7, 0, 9]);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tfode-idx-'));
    await writeFile(join(dir, 'train-images-idx3-ubyte.gz'), gzipSync(idx(IDX_IMAGES_MAGIC, [3, 2, 4], pixels)));
    await writeFile(join(dir, 'train-labels-idx1-ubyte'), idx(IDX_LABELS_MAGIC, [3], labels));
    await writeFile(join(dir, 't10k-images-idx3-ubyte'), idx(IDX_IMAGES_MAGIC, [1, 2, 4], pixels.subarray(0, 8)));
    await writeFile(join(dir, 't10k-labels-idx1-ubyte.gz'), gzipSync(idx(IDX_LABELS_MAGIC, [1], labels.subarray(0, 1))));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('reads gzipped and raw files into NHWC uint8 images with their labels', async () => {
    const { train, test } = await loadMnist(dir);
    expect(train.size).toBe(3);
    expect(train.xShape).toEqual([2, 4, 1]);
    expect(Array.from(train.x)).toEqual(Array.from(pixels));
    expect(Array.from(train.y)).toEqual([7, 0, 9]);
    expect(test.size).toBe(1);
  });

  const broken = async (name: string, bytes: Buffer) => {
    const path = join(dir, name);
    await writeFile(path, bytes);
    return path;
  };

  it('rejects a wrong magic number, naming the file and both numbers', async () => {
    const path = await broken('swapped', idx(IDX_LABELS_MAGIC, [3], labels));
    await expect(readIdx(path, IDX_IMAGES_MAGIC)).rejects.toThrow(DataFileError);
    await expect(readIdx(path, IDX_IMAGES_MAGIC)).rejects.toThrow(`${path}: wrong magic number 2049 (0x00000801); expected 2051`);
  });

  it('rejects a truncated file, and extra bytes, with the byte counts', async () => {
    const full = idx(IDX_IMAGES_MAGIC, [3, 2, 4], pixels);
    const truncated = await broken('truncated', full.subarray(0, full.length - 5));
    await expect(readIdx(truncated, IDX_IMAGES_MAGIC)).rejects.toThrow(`${truncated}: truncated: 35 bytes, but dimensions [3, 2, 4] need 40`);
    const header = await broken('header-only', full.subarray(0, 9));
    await expect(readIdx(header, IDX_IMAGES_MAGIC)).rejects.toThrow('truncated header');
    const long = await broken('long', Buffer.concat([full, Buffer.from([1, 2])]));
    await expect(readIdx(long, IDX_IMAGES_MAGIC)).rejects.toThrow('2 unexpected bytes');
  });

  it('rejects a truncated gzip stream', async () => {
    const gz = gzipSync(idx(IDX_IMAGES_MAGIC, [3, 2, 4], pixels));
    const path = await broken('cut.gz', gz.subarray(0, gz.length - 12));
    await expect(readIdx(path, IDX_IMAGES_MAGIC)).rejects.toThrow(`${path}: corrupt or truncated gzip data`);
  });

  it('rejects images and labels whose counts differ, naming both files', async () => {
    const images = join(dir, 'train-images-idx3-ubyte.gz');
    const fewer = await broken('two-labels', idx(IDX_LABELS_MAGIC, [2], labels.subarray(0, 2)));
    await expect(loadIdxImageSet(images, fewer, ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'])).rejects.toThrow(`${fewer}: holds 2 labels but ${images} holds 3 images`);
  });

  it('rejects a label outside the classes', async () => {
    const images = join(dir, 'train-images-idx3-ubyte.gz');
    const bad = await broken('bad-label', idx(IDX_LABELS_MAGIC, [3], Uint8Array.from([1, 12, 0])));
    await expect(loadIdxImageSet(images, bad, ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'])).rejects.toThrow(`${bad}: label 12 at index 1 is outside 0…9`);
  });

  it('rejects images of zero rows or columns as a bad images file', async () => {
    const flat = await broken('flat', idx(IDX_IMAGES_MAGIC, [3, 0, 4], new Uint8Array(0)));
    const three = await broken('three-labels', idx(IDX_LABELS_MAGIC, [3], labels));
    await expect(loadIdxImageSet(flat, three, ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'])).rejects.toThrow(DataFileError);
    await expect(loadIdxImageSet(flat, three, ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'])).rejects.toThrow(`${flat}: images of 0×4 pixels`);
  });

  it('names a missing file and a missing standard layout', async () => {
    const missing = join(dir, 'nope.gz');
    await expect(readIdx(missing, IDX_LABELS_MAGIC)).rejects.toThrow(`${missing}: file not found`);
    const empty = await mkdtemp(join(tmpdir(), 'tfode-idx-empty-'));
    await expect(loadMnist(empty)).rejects.toThrow(`${join(empty, 'train-images-idx3-ubyte.gz')}: not found (nor train-images-idx3-ubyte without .gz)`);
    await rm(empty, { recursive: true });
  });
});
