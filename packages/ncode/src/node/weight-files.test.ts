import { randomBytes } from 'node:crypto';
import { lstat, mkdir, mkdtemp, open, readdir, readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { neuralODE } from '../neural-ode';
import { loadWeights, saveWeights, writeFileAtomic } from './weight-files';

// The temporary names come from randomBytes; one test makes a name predictable to plant a symlink on it.
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return { ...actual, randomBytes: vi.fn(actual.randomBytes) };
});

const solver = { method: 'rk4' as const, stepSize: 0.25, gradient: 'backprop' as const };
const model = (seed: number) => neuralODE({ dims: 2, hidden: [3], seed, solver });
const values = (m: ReturnType<typeof model>) => m.variables.map((v) => [...v.dataSync()]);

const folders: string[] = [];
const scratch = async () => {
  const folder = await mkdtemp(join(tmpdir(), 'ncode-weight-files-'));
  folders.push(folder);
  return folder;
};
afterAll(async () => {
  await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
});

/** A temporary file of writeFileAtomic: hidden, named after its target, random, ending in .tmp. */
const temporaryOf = (target: string) => new RegExp(`^\\.${target.replace('.', '\\.')}\\.[0-9a-f]{16}\\.tmp$`);

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

  it('creates its temporary file exclusively: a symlink planted under that name is neither followed nor removed', async () => {
    const folder = await scratch();
    const victim = join(folder, 'victim.txt');
    await writeFile(victim, 'precious');
    const fixed = Buffer.alloc(8, 0xab);
    vi.mocked(randomBytes).mockReturnValueOnce(fixed as never);
    const planted = join(folder, `.w.bin.${fixed.toString('hex')}.tmp`);
    await symlink(victim, planted);
    await expect(writeFileAtomic(join(folder, 'w.bin'), 'attacker-chosen target?')).rejects.toThrow(/could not write .*w\.bin: .*EEXIST/);
    expect(await readFile(victim, 'utf8')).toBe('precious');
    expect(await readlink(planted)).toBe(victim);
    expect((await readdir(folder)).sort()).toEqual([`.w.bin.${fixed.toString('hex')}.tmp`, 'victim.txt']);
  });
});

describe('saveWeights', () => {
  it('does not write through a symlink planted where a temporary file used to be predictable', async () => {
    const folder = await scratch();
    const victim = join(folder, 'victim.txt');
    await writeFile(victim, 'precious');
    for (const name of ['w.bin', 'w.json']) await symlink(victim, join(folder, `${name}.${process.pid}.partial`));
    const m = model(1);
    await saveWeights(m, join(folder, 'w'));
    expect(await readFile(victim, 'utf8')).toBe('precious');
    expect((await lstat(join(folder, 'w.bin'))).isSymbolicLink()).toBe(false);
    const loaded = model(2);
    await loadWeights(loaded, join(folder, 'w'));
    expect(values(loaded)).toEqual(values(m));
    m.dispose();
    loaded.dispose();
  });

  it('concurrent saves to one prefix all succeed, and the pair left is one complete save', async () => {
    const folder = await scratch();
    const models = [1, 2, 3, 4, 5, 6].map(model);
    await Promise.all(models.map((m) => saveWeights(m, join(folder, 'w'))));
    expect((await readdir(folder)).sort()).toEqual(['w.bin', 'w.json']);
    const loaded = model(7);
    await loadWeights(loaded, join(folder, 'w'));
    expect(models.map(values)).toContainEqual(values(loaded));
    for (const m of [...models, loaded]) m.dispose();
  });

  it('a save stopped before its rename (a kill) leaves the previous pair loadable and only hidden .tmp files beside it', async () => {
    const folder = await scratch();
    const [old, next] = [model(1), model(2)];
    await saveWeights(old, join(folder, 'w'));
    // Stop the next save where a kill would: its data written to the temporary file, not yet renamed.
    const probe = await open(join(folder, 'probe'), 'w');
    const handlePrototype = Object.getPrototypeOf(probe) as { sync(): Promise<void> };
    await probe.close();
    await rm(join(folder, 'probe'));
    let resume = () => {};
    const sync = vi.spyOn(handlePrototype, 'sync').mockImplementation(() => new Promise<void>((resolve) => (resume = resolve)));
    let finished = false;
    const saving = saveWeights(next, join(folder, 'w')).finally(() => (finished = true));
    try {
      for (let tries = 0; !finished && sync.mock.calls.length === 0 && tries < 2_000; tries++) await new Promise((r) => setTimeout(r, 1));
      const entries = (await readdir(folder)).sort();
      expect(entries.filter((name) => name !== 'w.bin' && name !== 'w.json')).toEqual([expect.stringMatching(temporaryOf('w.bin'))]);
      const loaded = model(3);
      await loadWeights(loaded, join(folder, 'w'));
      expect(values(loaded)).toEqual(values(old));
      loaded.dispose();
    } finally {
      sync.mockRestore();
      resume();
    }
    await saving;
    expect((await readdir(folder)).sort()).toEqual(['w.bin', 'w.json']);
    old.dispose();
    next.dispose();
  });
});
