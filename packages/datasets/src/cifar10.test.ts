import { describe, expect, it } from 'vitest';
import { parseCifar10Batch } from './cifar10';
import { DataFileError } from './errors';
import { cifarRecord as record } from './test-files';

describe('CIFAR-10 batch bytes in memory', () => {
  it('parses an ArrayBuffer of records into NHWC pixels with the standard class names', () => {
    const bytes = Buffer.concat([record(3, (p) => p % 256, () => 7, (p) => Math.floor(p / 32)), record(9, () => 1, () => 2, () => 3)]);
    const batch = parseCifar10Batch(new Uint8Array(bytes).buffer, 'data_batch_1.bin');
    expect(batch.xShape).toEqual([32, 32, 3]);
    expect(Array.from(batch.y)).toEqual([3, 9]);
    expect(Array.from(batch.x.subarray(177 * 3, 177 * 3 + 3))).toEqual([177, 7, 5]);
    expect(batch.classNames?.[9]).toBe('truck');
  });

  it('names the source in its errors', () => {
    expect(() => parseCifar10Batch(new Uint8Array(100), 'https://example.org/batch')).toThrow(DataFileError);
    expect(() => parseCifar10Batch(new Uint8Array(100), 'https://example.org/batch')).toThrow('https://example.org/batch: 100 bytes is not a whole number of 3073-byte records');
    expect(() => parseCifar10Batch(record(4, () => 0, () => 0, () => 0), 'two-classes', ['a', 'b'])).toThrow('two-classes: record 0 has label 4, outside 0…1');
  });
});
