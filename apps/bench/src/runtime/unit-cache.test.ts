import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { benchCommands } from '../cli/command-registry';
import { runMemorization, type MemorizationConfig } from '../experiments/memorization';
import { computeEveryUnit, unitCache, UnitCacheMismatchError, type UnitCache } from './unit-cache';

const folders: string[] = [];
afterAll(async () => Promise.all(folders.map((f) => rm(f, { recursive: true, force: true }))));
async function cacheFile(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'bench-units-'));
  folders.push(folder);
  return join(folder, 'checkpoint', 'units.json');
}

/** A cache that dies (throws, as a kill would stop it) when asked for its `at`-th unit. */
function dyingAt(at: number, cache: UnitCache): UnitCache {
  let asked = 0;
  return {
    run: (key, compute, progress) => {
      asked += 1;
      if (asked === at) throw new Error('killed');
      return cache.run(key, compute, progress);
    },
  };
}

describe('unitCache: finished units read back under --resume', () => {
  it('stores each unit, reads it back without computing it, and keeps NaN and ±Infinity', async () => {
    const file = await cacheFile();
    const value = { loss: Number.NaN, bound: Number.POSITIVE_INFINITY, low: Number.NEGATIVE_INFINITY, note: null, rows: [1, 2] };
    const first = await unitCache({ file, resume: false, fingerprint: 'a' });
    expect(await first.run('one', () => value)).toEqual(value);
    let computed = 0;
    let cached = 0;
    const again = await unitCache({ file, resume: true, fingerprint: 'a' });
    expect(await again.run('one', () => ((computed += 1), { loss: 0 }), { steps: 1, tick: () => (cached += 1) })).toEqual(value);
    expect([computed, cached]).toEqual([0, 1]);
    expect(await again.run('two', async () => 2)).toBe(2);
    expect(JSON.parse(await readFile(file, 'utf8')).units).toEqual({ one: { ...value, loss: { $float: 'NaN' }, bound: { $float: 'Infinity' }, low: { $float: '-Infinity' } }, two: 2 });
  });

  it('without --resume the old units are forgotten; another run\'s file is refused', async () => {
    const file = await cacheFile();
    await (await unitCache({ file, resume: false, fingerprint: 'a' })).run('one', () => 1);
    const fresh = await unitCache({ file, resume: false, fingerprint: 'a' });
    expect(await fresh.run('one', () => 5)).toBe(5);
    await expect(unitCache({ file, resume: true, fingerprint: 'b' })).rejects.toBeInstanceOf(UnitCacheMismatchError);
    await writeFile(file, 'not json');
    await expect(unitCache({ file, resume: true, fingerprint: 'a' })).rejects.toThrow(SyntaxError);
  });

  it('memorization killed in its third model and resumed gives the rows of an uninterrupted run, training only the models left', async () => {
    const config: MemorizationConfig = {
      bits: 6, patternCounts: [2], batch: 2, steps: 3, evalEpisodes: 4, evaluateEvery: 1, learningRate: 0.01, lstmUnits: 4, runs: 1, seed: 5,
      solver: { method: 'rk4', stepSize: 0.25, gradient: 'backprop' },
    };
    const withoutSeconds = (rows: Array<{ seconds: number }>) => rows.map(({ seconds: _seconds, ...row }) => row);
    const uninterrupted = await runMemorization(config, () => {}, computeEveryUnit);
    const file = await cacheFile();
    const fingerprint = JSON.stringify(config);
    await expect(runMemorization(config, () => {}, dyingAt(3, await unitCache({ file, resume: false, fingerprint })))).rejects.toThrow('killed');
    const labels: string[] = [];
    const resumed = await runMemorization(config, (label) => labels.push(label), await unitCache({ file, resume: true, fingerprint }));
    expect(withoutSeconds(resumed.rows)).toEqual(withoutSeconds(uninterrupted.rows));
    expect(resumed.curves).toEqual(uninterrupted.curves);
    // Two models read back (their steps ticked at once), two trained.
    expect(labels.filter((l) => l.endsWith('read back'))).toHaveLength(2 * config.steps);
    expect(labels.filter((l) => !l.endsWith('read back'))).toHaveLength(2 * config.steps);
  }, 60_000);

  it('every experiment takes --resume', () => {
    const experiments = benchCommands.filter((c) => !['demo', 'solvers', 'train-step', 'profile'].includes(c.name));
    expect(experiments.filter((c) => !(c.flags ?? []).some((f) => f.flags === '--resume')).map((c) => c.name)).toEqual([]);
  });
});
