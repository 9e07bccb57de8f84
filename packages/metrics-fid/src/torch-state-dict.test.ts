import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FidFileError } from './errors';
import { op, pickle, pickleGlobal, pickleInt, pickleTuple, stateDictPickle, torchZip } from './node/test-files';
import { readTorchStateDict, type TorchTensor } from './torch-state-dict';
import { writeStoredZip } from './zip-archive';

// Written by fixtures/make-fixtures.py (torch 1.13 torch.save, zip and legacy formats).
const fixture = (name: string) => join(__dirname, '..', 'fixtures', name);

describe.each(['state-dict-zip.pth', 'state-dict-legacy.pth', 'state-dict-protocol4.pth'])('readTorchStateDict(%s)', (file) => {
  let tensors: Map<string, TorchTensor>;
  beforeAll(async () => {
    tensors = await readTorchStateDict(new Uint8Array(readFileSync(fixture(file))), file);
  });

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
  it('rejects files that are not torch checkpoints, and truncated ones', async () => {
    await expect(readTorchStateDict(new TextEncoder().encode('hello world'), 'x.pth')).rejects.toThrow(FidFileError);
    const zip = new Uint8Array(readFileSync(fixture('state-dict-zip.pth')));
    await expect(readTorchStateDict(zip.subarray(0, zip.length - 100), 'cut.pth')).rejects.toThrow(/cut.pth: .*truncated or corrupt/);
    const legacy = new Uint8Array(readFileSync(fixture('state-dict-legacy.pth')));
    await expect(readTorchStateDict(legacy.subarray(0, legacy.length - 10), 'cut.pth')).rejects.toThrow(/runs past the end/);
  });

  it('refuses pickled Python objects other than tensors', async () => {
    // PROTO 2, GLOBAL 'os system', STOP
    const evil = Uint8Array.from([0x80, 0x02, 0x63, ...new TextEncoder().encode('os\nsystem\n'), 0x2e]);
    await expect(readTorchStateDict(evil, 'evil.pth')).rejects.toThrow(/refuses to load Python object os.system/);
  });
});

describe('readTorchStateDict on strided views', () => {
  // Written by fixtures/make-strided-fixture.py: views torch.save keeps, expand()'s stride-0 dimensions among them.
  let tensors: Map<string, TorchTensor>;
  beforeAll(async () => {
    tensors = await readTorchStateDict(new Uint8Array(readFileSync(fixture('state-dict-strided.pth'))).buffer, 'strided.pth');
  });
  const values = (name: string) => Array.from(tensors.get(name)!.data as Float32Array);

  it('reads expand()ed tensors with all their values, as torch does', () => {
    expect(tensors.get('expanded')!.shape).toEqual([3, 2]);
    expect(values('expanded')).toEqual([1, 2, 1, 2, 1, 2]);
    expect(values('broadcast_column')).toEqual([5, 5, 5, 6, 6, 6]);
    expect(values('scalar_expanded')).toEqual([7, 7, 7, 7]);
  });

  it('reads permuted and stepped views with a storage offset', () => {
    expect(tensors.get('permuted')!.shape).toEqual([4, 2, 3]);
    expect(values('permuted')).toEqual([0, 4, 8, 12, 16, 20, 1, 5, 9, 13, 17, 21, 2, 6, 10, 14, 18, 22, 3, 7, 11, 15, 19, 23]);
    expect(values('stepped')).toEqual([4, 6, 8, 10, 16, 18, 20, 22]);
  });
});

describe('readTorchStateDict on hostile views', () => {
  const storage = { '0': Float32Array.of(1, 2, 3, 4) };
  const read = async (view: { offset: number; shape: number[]; stride: number[] }, limits = {}) =>
    (await readTorchStateDict(torchZip({ w: { key: '0', ...view } }, storage), 'crafted.pth', limits)).get('w')!;

  it('bounds the work by the output size and refuses outputs past maxTensorElements', async () => {
    await expect(read({ offset: 0, shape: [100_000, 100_000], stride: [0, 0] })).rejects.toThrow(/crafted.pth: tensor "w" has 10000000000 elements.*limit 134217728/);
    await expect(read({ offset: 0, shape: [1000, 1000], stride: [0, 1] }, { maxTensorElements: 999_999 })).rejects.toThrow(FidFileError);
    const broadcast = await read({ offset: 1, shape: [1000, 1000, 1], stride: [0, 0, 5] });
    expect(broadcast.data.length).toBe(1_000_000);
    expect((broadcast.data as Float32Array).every((v) => v === 2)).toBe(true);
  });

  it('validates offsets, strides and sizes against the storage', async () => {
    await expect(read({ offset: -1, shape: [2], stride: [1] })).rejects.toThrow(/crafted.pth: .*storage offset -1/);
    await expect(read({ offset: 3, shape: [2], stride: [1] })).rejects.toThrow(/runs past its storage \(4 elements\)/);
    await expect(read({ offset: 0, shape: [2, 2], stride: [3] })).rejects.toThrow(/2 sizes but 1 strides/);
    await expect(read({ offset: 0, shape: [2], stride: [-1] })).rejects.toThrow(FidFileError);
    await expect(read({ offset: 0, shape: [-2], stride: [1] })).rejects.toThrow(FidFileError);
    expect(Array.from((await read({ offset: 3, shape: [0, 5], stride: [1, 1] })).data as Float32Array)).toEqual([]);
    expect(Array.from((await read({ offset: 0, shape: [2, 2], stride: [1, 2] })).data as Float32Array)).toEqual([1, 3, 2, 4]);
  });

  it('refuses storages that are not a whole number of elements', async () => {
    const zip = torchZip({ w: { key: '0', offset: 0, shape: [1], stride: [1] } }, {});
    const entries = [['archive/data.pkl', stateDictPickle({ w: { key: '0', offset: 0, shape: [1], stride: [1] } }, () => 1)], ['archive/data/0', new Uint8Array(6)]] as const;
    await expect(readTorchStateDict(zip, 'no-storage.pth')).rejects.toThrow(/storage data\/0 missing/);
    await expect(readTorchStateDict(writeStoredZip(entries), 'odd.pth')).rejects.toThrow(/odd.pth: storage 0 holds 6 bytes, not a whole number of 4-byte elements/);
  });

  it('throws its typed error for keys and values a state dict cannot hold', async () => {
    const zipOf = (body: number[]) => writeStoredZip([['archive/data.pkl', pickle(body)]]);
    const dict = (key: number[]) => [op.EMPTY_DICT, ...key, ...pickleInt(1), op.SETITEM];
    const deepKey = [...pickleInt(0), ...new Array<number>(100_000).fill(op.TUPLE1)];
    await expect(readTorchStateDict(zipOf(dict(deepKey)), 'deep.pth')).rejects.toThrow(FidFileError);
    await expect(readTorchStateDict(zipOf(dict([op.MARK, op.TUPLE1])), 'mark.pth')).rejects.toThrow(FidFileError);
    const ordered = [...pickleGlobal('collections', 'OrderedDict'), ...pickleTuple([pickleInt(5)]), op.REDUCE];
    await expect(readTorchStateDict(zipOf(ordered), 'ordered.pth')).rejects.toThrow(FidFileError);
    // Not a zip, so a legacy file whose first pickle (the magic number) is a dict.
    await expect(readTorchStateDict(pickle(dict(pickleInt(0))), 'legacy.pth')).rejects.toThrow(/wrong magic number/);
  });
});
