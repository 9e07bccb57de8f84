import { mkdtemp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from './atomic-file';

const scratch = () => mkdtemp(join(tmpdir(), 'tfode-bench-atomic-'));

describe('writeFileAtomic', () => {
  it('creates missing folders and writes text and bytes, leaving no temporary file', async () => {
    const folder = await scratch();
    await writeFileAtomic(join(folder, 'a/b/results.json'), '{"x":1}\n');
    await writeFileAtomic(join(folder, 'a/plot.png'), new Uint8Array([1, 2, 3]));
    expect(await readFile(join(folder, 'a/b/results.json'), 'utf8')).toBe('{"x":1}\n');
    expect([...(await readFile(join(folder, 'a/plot.png')))]).toEqual([1, 2, 3]);
    expect((await readdir(join(folder, 'a'))).sort()).toEqual(['b', 'plot.png']);
  });

  it('replaces an existing file whole', async () => {
    const folder = await scratch();
    const path = join(folder, 'report.md');
    await writeFile(path, 'old content that is longer than the new one');
    await writeFileAtomic(path, 'new');
    expect(await readFile(path, 'utf8')).toBe('new');
  });

  it('on failure leaves the target as it was, removes its temporary file, and names the path', async () => {
    const folder = await scratch();
    // A folder under the final name makes the rename fail after the data was written.
    const path = join(folder, 'results.json');
    await mkdir(path);
    await writeFile(join(path, 'keep'), 'x');
    await expect(writeFileAtomic(path, 'partial?')).rejects.toThrow(`could not write ${path}`);
    expect(await readdir(folder)).toEqual(['results.json']);
    expect(await readdir(path)).toEqual(['keep']);
  });

  it('never shows a partial file under the final name while concurrent writers race', async () => {
    const folder = await scratch();
    const path = join(folder, 'big.txt');
    const contents = ['a', 'b', 'c', 'd'].map((letter) => letter.repeat(2_000_000));
    const writes = Promise.all(contents.map((content) => writeFileAtomic(path, content)));
    const seen = new Set<number>();
    let finished = false;
    void writes.then(() => (finished = true));
    while (!finished) {
      const text = await readFile(path, 'utf8').catch(() => null);
      if (text !== null) {
        seen.add(text.length);
        expect(contents).toContain(text);
      }
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await writes;
    expect(contents).toContain(await readFile(path, 'utf8'));
    expect([...seen].every((length) => length === 2_000_000)).toBe(true);
    expect(await readdir(folder)).toEqual(['big.txt']);
  });
});
