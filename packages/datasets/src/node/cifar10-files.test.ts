import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCifar10, readCifar10Batch } from './cifar10-files';
import { DataFileError } from '../errors';
import { cifarRecord as record } from '../test-files';

describe('CIFAR-10 binary batches', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tfode-cifar-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('turns planar RGB records into NHWC pixels with their labels', async () => {
    const path = join(dir, 'one.bin');
    await writeFile(path, Buffer.concat([record(3, (p) => p % 256, () => 7, (p) => Math.floor(p / 32)), record(9, () => 1, () => 2, () => 3)]));
    const batch = await readCifar10Batch(path);
    expect(batch.size).toBe(2);
    expect(batch.xShape).toEqual([32, 32, 3]);
    expect(Array.from(batch.y)).toEqual([3, 9]);
    // Pixel (row 5, column 17) = index 5·32 + 17 = 177: red 177, green 7, blue row 5.
    expect(Array.from(batch.x.subarray(177 * 3, 177 * 3 + 3))).toEqual([177, 7, 5]);
    expect(Array.from(batch.x.subarray(3072, 3075))).toEqual([1, 2, 3]);
  });

  it('rejects a file that is not a whole number of 3073-byte records', async () => {
    const path = join(dir, 'short.bin');
    await writeFile(path, Buffer.concat([record(1, () => 0, () => 0, () => 0), Buffer.alloc(100)]));
    await expect(readCifar10Batch(path)).rejects.toThrow(DataFileError);
    await expect(readCifar10Batch(path)).rejects.toThrow(`${path}: 3173 bytes is not a whole number of 3073-byte records`);
  });

  it('rejects a label byte above 9 and a missing batch, naming the file', async () => {
    const path = join(dir, 'label.bin');
    await writeFile(path, record(10, () => 0, () => 0, () => 0));
    await expect(readCifar10Batch(path)).rejects.toThrow(`${path}: record 0 has label 10`);
    await expect(loadCifar10(join(dir, 'absent'))).rejects.toThrow(`${join(dir, 'absent', 'data_batch_1.bin')}: file not found`);
  });

  it('refuses a batch over maxBytes before reading it', async () => {
    const path = join(dir, 'two.bin');
    await writeFile(path, Buffer.concat([record(1, () => 0, () => 0, () => 0), record(2, () => 0, () => 0, () => 0)]));
    await expect(readCifar10Batch(path, undefined, { maxBytes: 3073 })).rejects.toThrow(`${path}: 6146 bytes, over the limit of 3073`);
    expect((await readCifar10Batch(path, undefined, { maxBytes: 6146 })).size).toBe(2);
  });

  it('loads the extracted layout: five training batches and the test batch', async () => {
    const root = join(dir, 'cifar-10-batches-bin');
    await mkdir(root);
    for (let k = 1; k <= 5; k++) await writeFile(join(root, `data_batch_${k}.bin`), record(k, () => k, () => k, () => k));
    await writeFile(join(root, 'test_batch.bin'), Buffer.concat([record(0, () => 0, () => 0, () => 0), record(8, () => 0, () => 0, () => 0)]));
    const { train, test } = await loadCifar10(dir);
    expect(Array.from(train.y)).toEqual([1, 2, 3, 4, 5]);
    expect(train.x[4 * 3072]).toBe(5);
    expect(test.size).toBe(2);
    expect(train.classNames?.[1]).toBe('automobile');
  });
});
