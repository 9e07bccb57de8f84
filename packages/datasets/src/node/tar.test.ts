import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataFileError } from '../errors';
import { extractTar } from './tar';
import { tarArchive, tarEntry } from '../test-files';

describe('extractTar on archives built in the test', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tfode-tar-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const archiveAt = async (bytes: Buffer) => {
    const path = join(dir, 'archive.tar');
    await writeFile(path, bytes);
    return path;
  };
  const batch = Buffer.from('the test batch');

  it('extracts into a folder named with a trailing slash, and into "." and "data/" relative to the working folder', async () => {
    const archive = await archiveAt(tarArchive(tarEntry('cifar-10-batches-bin/test_batch.bin', batch)));
    expect(await extractTar(archive, join(dir, 'out') + sep)).toEqual([join(dir, 'out', 'cifar-10-batches-bin', 'test_batch.bin')]);
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      expect(await extractTar(archive, '.')).toEqual([join('cifar-10-batches-bin', 'test_batch.bin')]);
      expect(await extractTar(archive, 'data/')).toEqual([join('data', 'cifar-10-batches-bin', 'test_batch.bin')]);
    } finally {
      process.chdir(cwd);
    }
    for (const root of ['out', '.', 'data']) expect((await readFile(join(dir, root, 'cifar-10-batches-bin', 'test_batch.bin'))).equals(batch)).toBe(true);
  });

  it('skips directories and links that stay inside: only regular files are written', async () => {
    const symlink = tarEntry('a/link', undefined, { type: '2', linkname: 'b.txt' });
    const hardLink = tarEntry('hard', undefined, { type: '1', linkname: 'a/b.txt' });
    const archive = await archiveAt(tarArchive(tarEntry('./', undefined, { type: '5' }), tarEntry('a/b.txt', batch), symlink, hardLink));
    expect(await extractTar(archive, join(dir, 'out'))).toEqual([join(dir, 'out', 'a', 'b.txt')]);
    expect(await readdir(join(dir, 'out'))).toEqual(['a']);
  });

  it.each([
    ['a parent-folder name', tarEntry('../evil.txt', batch)],
    ['a name climbing out of a subfolder', tarEntry('a/../../evil.txt', batch)],
    ['an absolute name', tarEntry(join(tmpdir(), 'tfode-tar-evil.txt'), batch)],
    ['a symbolic link out', tarEntry('link', undefined, { type: '2', linkname: '../evil.txt' })],
    ['an absolute symbolic link', tarEntry('a/link', undefined, { type: '2', linkname: '/etc/passwd' })],
    ['a hard link out', tarEntry('hard', undefined, { type: '1', linkname: '../../etc/passwd' })],
  ])('refuses %s, writing nothing of the archive', async (_, hostile) => {
    const archive = await archiveAt(tarArchive(tarEntry('good.txt', batch), hostile));
    const out = join(dir, 'out');
    await expect(extractTar(archive, out)).rejects.toThrow(DataFileError);
    await expect(extractTar(archive, out)).rejects.toThrow(/tar entry at byte 1024: .* outside/);
    expect(existsSync(out)).toBe(false);
    expect(existsSync(join(dir, 'evil.txt'))).toBe(false);
    expect(existsSync(join(tmpdir(), 'tfode-tar-evil.txt'))).toBe(false);
  });

  it.each([
    ['negative', '-1\0'],
    ['non-octal', '00000000019\0'],
    ['trailing garbage', '0000000001x\0'],
    ['base-256 (overflowing the octal field)', `\x80${'\0'.repeat(10)}\x01`],
  ])('refuses a %s size field before it desynchronises the entries', async (_, size) => {
    // The malformed entry's body is itself a valid header: read as the next entry, it would smuggle a file in.
    const archive = await archiveAt(tarArchive(tarEntry('a.bin', tarEntry('smuggled.txt', batch), { size })));
    const out = join(dir, 'out');
    await expect(extractTar(archive, out)).rejects.toThrow(DataFileError);
    await expect(extractTar(archive, out)).rejects.toThrow(`${archive}: tar entry at byte 0: "a.bin" has a size field that is not an octal number`);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a size past the end of the archive and a header whose checksum does not match', async () => {
    const long = await archiveAt(tarArchive(tarEntry('a.bin', batch, { size: '77777777777\0' })));
    await expect(extractTar(long, join(dir, 'out'))).rejects.toThrow('"a.bin" needs 8589934591 bytes, past the end of the archive');
    const corrupt = await archiveAt(tarArchive(tarEntry('good.txt', batch), tarEntry('a.bin', batch, { checksum: '0000000\0' })));
    await expect(extractTar(corrupt, join(dir, 'out'))).rejects.toThrow(`${corrupt}: tar entry at byte 1024: header checksum does not match`);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it('names an entry it cannot write instead of throwing the system error', async () => {
    const archive = await archiveAt(tarArchive(tarEntry('a', batch), tarEntry('a/b', batch)));
    await expect(extractTar(archive, join(dir, 'out'))).rejects.toThrow(DataFileError);
    await expect(extractTar(archive, join(dir, 'out'))).rejects.toThrow(`cannot write the entry "a/b" to ${join(dir, 'out', 'a', 'b')}`);
  });

  it('refuses a gzipped archive that inflates past maxBytes', async () => {
    const archive = await archiveAt(gzipSync(tarArchive(tarEntry('big.bin', Buffer.alloc(100_000)))));
    await expect(extractTar(archive, join(dir, 'out'), { maxBytes: 10_000 })).rejects.toThrow(`${archive}: gzip content grows past the limit of 10000 bytes`);
    expect(await extractTar(archive, join(dir, 'out'), { maxBytes: 200_000 })).toEqual([join(dir, 'out', 'big.bin')]);
  });
});
