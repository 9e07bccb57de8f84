import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FidFileError } from '../errors';
import { loadStatistics, saveStatistics } from './statistics-file';

const dir = mkdtempSync(join(tmpdir(), 'fid-stats-'));

describe('statistics files (.npz)', () => {
  it('reads the statistics pytorch-fid writes (numpy.savez_compressed)', async () => {
    const stats = await loadStatistics(join(__dirname, '..', '..', 'fixtures', 'stats-pytorch-fid.npz'));
    expect(stats.dim).toBe(3);
    expect(Array.from(stats.mean)).toEqual([1.5, -2, 0.25]);
    expect(Array.from(stats.covariance)).toEqual([2, 0.5, 0, 0.5, 1, -0.25, 0, -0.25, 3]);
    expect(stats.count).toBeUndefined();
  });

  it('round-trips μ, Σ and n bit for bit', async () => {
    const mean = Float64Array.of(Math.PI, -1e-300, 7);
    const covariance = Float64Array.of(1 / 3, 0.1, 0, 0.1, 2, 1e200, 0, 1e200, 5);
    const path = join(dir, 'a.npz');
    await saveStatistics(path, { dim: 3, mean, covariance, count: 10_000 });
    const back = await loadStatistics(path);
    expect(Array.from(back.mean)).toEqual(Array.from(mean));
    expect(Array.from(back.covariance)).toEqual(Array.from(covariance));
    expect(back.count).toBe(10_000);
  });

  it('names the file when it is missing, not an npz, or lacks mu/sigma', async () => {
    await expect(loadStatistics(join(dir, 'missing.npz'))).rejects.toThrow(/cannot read statistics file .*missing.npz/);
    writeFileSync(join(dir, 'junk.npz'), 'not a zip');
    await expect(loadStatistics(join(dir, 'junk.npz'))).rejects.toThrow(FidFileError);
    await expect(saveStatistics(join(dir, 'bad.npz'), { dim: 2, mean: new Float64Array(2), covariance: new Float64Array(3) })).rejects.toThrow(/dim² = 4/);
  });
});
