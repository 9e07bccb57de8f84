import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FidFileError } from './errors';
import { loadTorchStateDict, readTorchStateDict } from './torch-state-dict';

// Written by fixtures/make-fixtures.py (torch 1.13 torch.save, zip and legacy formats).
const fixture = (name: string) => join(__dirname, '..', 'fixtures', name);

describe.each(['state-dict-zip.pth', 'state-dict-legacy.pth', 'state-dict-protocol4.pth'])('readTorchStateDict(%s)', (file) => {
  const tensors = readTorchStateDict(new Uint8Array(readFileSync(fixture(file))), file);

  it('reads every entry in order with shapes and dtypes', () => {
    expect([...tensors.keys()]).toEqual([
      '0.weight', '1.weight', '1.bias', '1.running_mean', '1.running_var', '1.num_batches_tracked',
      'base', 'transposed', 'row', 'ints', 'bytes', 'halves', 'flags', 'big',
    ]);
    expect(tensors.get('0.weight')!.shape).toEqual([2, 3, 1, 2]);
    expect(tensors.get('1.num_batches_tracked')!).toMatchObject({ dtype: 'int64', shape: [] });
  });

  it('gives the exact values torch wrote', () => {
    // arange(12)·0.25 − 1.5 and the BatchNorm defaults.
    expect(Array.from(tensors.get('0.weight')!.data as Float32Array)).toEqual(Array.from({ length: 12 }, (_, i) => i * 0.25 - 1.5));
    expect(Array.from(tensors.get('1.weight')!.data as Float32Array)).toEqual([1, 1]);
    expect(Array.from(tensors.get('1.bias')!.data as Float32Array)).toEqual([0, 0]);
    expect(Array.from(tensors.get('1.running_var')!.data as Float32Array)).toEqual([0.5, 2]);
    expect(Array.from(tensors.get('1.num_batches_tracked')!.data as BigInt64Array)).toEqual([7n]);
    expect(Array.from(tensors.get('base')!.data as Float64Array)).toEqual([0, 1 / 3, 2 / 3, 1, 4 / 3, 5 / 3]);
    expect(Array.from(tensors.get('ints')!.data as ArrayLike<number>)).toEqual([-3, 0, 2147483647]);
    expect(Array.from(tensors.get('bytes')!.data as ArrayLike<number>)).toEqual([0, 255, 17]);
    expect(Array.from(tensors.get('halves')!.data as ArrayLike<number>)).toEqual([1.5, -0.25, 65504]);
    expect(Array.from(tensors.get('flags')!.data as ArrayLike<number>)).toEqual([1, 0, 1]);
    expect(Array.from(tensors.get('big')!.data as BigInt64Array)).toEqual([-(2n ** 40n), 2n ** 40n + 1n]);
  });

  it('resolves strided views and storage offsets that share a storage', () => {
    expect(tensors.get('transposed')!.shape).toEqual([3, 2]);
    expect(Array.from(tensors.get('transposed')!.data as Float64Array)).toEqual([0, 1, 1 / 3, 4 / 3, 2 / 3, 5 / 3]);
    expect(Array.from(tensors.get('row')!.data as Float64Array)).toEqual([1, 4 / 3, 5 / 3]);
  });
});

describe('readTorchStateDict errors', () => {
  it('names a missing file', async () => {
    await expect(loadTorchStateDict('/nonexistent/weights.pth')).rejects.toThrow(/cannot read torch file \/nonexistent\/weights.pth/);
  });

  it('rejects files that are not torch checkpoints, and truncated ones', () => {
    expect(() => readTorchStateDict(new TextEncoder().encode('hello world'), 'x.pth')).toThrow(FidFileError);
    const zip = new Uint8Array(readFileSync(fixture('state-dict-zip.pth')));
    expect(() => readTorchStateDict(zip.subarray(0, zip.length - 100), 'cut.pth')).toThrow(/cut.pth: .*truncated or corrupt/);
    const legacy = new Uint8Array(readFileSync(fixture('state-dict-legacy.pth')));
    expect(() => readTorchStateDict(legacy.subarray(0, legacy.length - 10), 'cut.pth')).toThrow(/runs past the end/);
  });

  it('refuses pickled Python objects other than tensors', () => {
    // PROTO 2, GLOBAL 'os system', STOP
    const evil = Uint8Array.from([0x80, 0x02, 0x63, ...new TextEncoder().encode('os\nsystem\n'), 0x2e]);
    expect(() => readTorchStateDict(evil, 'evil.pth')).toThrow(/refuses to load Python object os.system/);
  });
});
