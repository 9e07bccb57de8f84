/** Save and load (μ, Σ, n) as .npz files, the format pytorch-fid reads and writes (keys mu, sigma). */
import { writeFile } from 'node:fs/promises';
import type { GaussianStatistics } from '../gaussian-statistics';
import { type ReaderLimits } from '../reader-limits';
import { encodeStatistics, readStatistics } from '../statistics-npz';
import { readFileBytes } from './read-file';

/** Writes `mu`, `sigma` and (when known) the sample count `n` to an uncompressed .npz file. */
export async function saveStatistics(path: string, stats: GaussianStatistics): Promise<void> {
  await writeFile(path, encodeStatistics(stats, `saveStatistics(${path})`));
}

/** Reads statistics from a .npz file; see `readStatistics`. */
export async function loadStatistics(path: string, limits: Partial<ReaderLimits> = {}): Promise<GaussianStatistics> {
  return readStatistics(await readFileBytes(path, 'statistics'), path, limits);
}
