import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDataFile, readMaybeGzipped } from './data-file';
import { DataFileError } from '../errors';
import { IDX_IMAGES_MAGIC } from '../idx';
import { idxFile } from '../test-files';
import { readIdx } from './idx-file';

describe('bounded reads', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tfode-data-file-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('stops inflating a 1 MB gzipped IDX file that grows to 1 GiB once past the 24 bytes its header declares', async () => {
    // Gzip members concatenate: one holding a valid 1×2×4 image file, then 64 of 16 MiB of zeros each.
    const zeros = gzipSync(Buffer.alloc(16 * 1024 * 1024));
    const bomb = Buffer.concat([gzipSync(idxFile(IDX_IMAGES_MAGIC, [1, 2, 4], new Uint8Array(8))), ...Array.from({ length: 64 }, () => zeros)]);
    expect(bomb.length).toBeLessThan(1.1e6);
    const path = join(dir, 'bomb.gz');
    await writeFile(path, bomb);
    await expect(readIdx(path, IDX_IMAGES_MAGIC)).rejects.toThrow(DataFileError);
    await expect(readIdx(path, IDX_IMAGES_MAGIC)).rejects.toThrow(`${path}: gzip content grows past the 24 bytes its header declares`);
  });

  it('stops inflating at maxBytes when no header declares a size', async () => {
    const path = join(dir, 'zeros.gz');
    await writeFile(path, gzipSync(Buffer.alloc(4 * 1024 * 1024)));
    await expect(readMaybeGzipped(path, { maxBytes: 1024 * 1024 })).rejects.toThrow(`${path}: gzip content grows past the limit of 1048576 bytes`);
    expect((await readMaybeGzipped(path, { maxBytes: 4 * 1024 * 1024 })).length).toBe(4 * 1024 * 1024);
  });

  it('refuses a file larger than maxBytes before reading it', async () => {
    const path = join(dir, 'large.bin');
    await writeFile(path, Buffer.alloc(2000, 7));
    await expect(readDataFile(path, { maxBytes: 1000 })).rejects.toThrow(DataFileError);
    await expect(readDataFile(path, { maxBytes: 1000 })).rejects.toThrow(`${path}: 2000 bytes, over the limit of 1000`);
    expect((await readDataFile(path, { maxBytes: 2000 })).equals(Buffer.alloc(2000, 7))).toBe(true);
  });
});
