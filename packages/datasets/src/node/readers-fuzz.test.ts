import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuzz, type FuzzOptions } from '../../../../tools/fuzz-harness';
import { DataFileError, InvalidArgumentError } from '../errors';
import { IDX_IMAGES_MAGIC } from '../idx';
import { cifarRecord, idxFile, tarArchive, tarEntry } from '../test-files';
import { readCifar10Batch } from './cifar10-files';
import { readIdx } from './idx-file';
import { extractTar } from './tar';

// Every mutation of a valid file must load or end in one of the package's typed errors, within
// 2 s and 8 MiB of new ArrayBuffer memory per case.
const bounds: Omit<FuzzOptions, 'seed' | 'cases'> = { caseMs: 2000, maxBytes: 8 * 1024 * 1024, typedErrors: [DataFileError, InvalidArgumentError] };

describe('the readers under seeded mutations of valid files', () => {
  let dir: string;
  let next = 0;
  /** Writes `bytes` to a new file in the test folder and returns its path. */
  const fileOf = async (bytes: Uint8Array) => {
    const path = join(dir, `case-${next++}`);
    await writeFile(path, bytes);
    return path;
  };
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tfode-fuzz-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const images = idxFile(IDX_IMAGES_MAGIC, [3, 2, 4], Uint8Array.from({ length: 24 }, (_, i) => i * 10));
  const cases = [
    { name: 'IDX', valid: [images], parse: async (bytes: Uint8Array) => readIdx(await fileOf(bytes), IDX_IMAGES_MAGIC), seed: 1000, cases: 1500 },
    { name: 'gzipped IDX', valid: [gzipSync(images)], parse: async (bytes: Uint8Array) => readIdx(await fileOf(bytes), IDX_IMAGES_MAGIC), seed: 2000, cases: 1000 },
    {
      name: 'CIFAR-10 batch',
      valid: [Buffer.concat([cifarRecord(3, (p) => p % 256, () => 7, () => 9), cifarRecord(9, () => 1, () => 2, () => 3)])],
      parse: async (bytes: Uint8Array) => readCifar10Batch(await fileOf(bytes)),
      seed: 3000,
      cases: 1000,
    },
    {
      name: 'tar',
      valid: [tarArchive(tarEntry('cifar-10-batches-bin/batches.meta.txt', Buffer.from('airplane\n')), tarEntry('cifar-10-batches-bin/test_batch.bin', Buffer.alloc(700, 5)))],
      parse: async (bytes: Uint8Array) => extractTar(await fileOf(bytes), join(dir, `out-${next}`)),
      seed: 4000,
      cases: 3000,
    },
    {
      name: 'gzipped tar',
      valid: [gzipSync(tarArchive(tarEntry('a/b.txt', Buffer.from('hello')), tarEntry('c.bin', Buffer.alloc(600, 1))))],
      parse: async (bytes: Uint8Array) => extractTar(await fileOf(bytes), join(dir, `out-${next}`)),
      seed: 5000,
      cases: 500,
    },
  ];

  for (const { name, valid, parse, seed, cases: count } of cases) {
    it(`${name}: loads or throws a typed error, within the time and memory bound`, async () => {
      const report = await fuzz(name, valid, parse, { seed, cases: count, ...bounds });
      console.log(report.summary);
      expect(report.failures).toEqual([]);
    });
  }
});
