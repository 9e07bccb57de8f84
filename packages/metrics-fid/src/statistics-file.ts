/** Save and load (μ, Σ, n) as .npz, the format pytorch-fid reads and writes (keys mu, sigma). */
import { readFile, writeFile } from 'node:fs/promises';
import { FidFileError, parsingFile } from './errors';
import { type GaussianStatistics, validateStatistics } from './gaussian-statistics';
import { decodeNpy, encodeNpy } from './npy';
import { type ReaderLimits } from './reader-limits';
import { readZipEntries, writeStoredZip } from './zip-archive';

/** Writes `mu`, `sigma` and (when known) the sample count `n` to an uncompressed .npz file. */
export async function saveStatistics(path: string, stats: GaussianStatistics): Promise<void> {
  validateStatistics(stats, `saveStatistics(${path})`);
  const entries: [string, Uint8Array][] = [
    ['mu.npy', encodeNpy(stats.mean, [stats.dim])],
    ['sigma.npy', encodeNpy(stats.covariance, [stats.dim, stats.dim])],
  ];
  if (stats.count !== undefined) entries.push(['n.npy', encodeNpy(BigInt64Array.of(BigInt(stats.count)), [])]);
  await writeFile(path, writeStoredZip(entries));
}

/** Reads statistics from a .npz with `mu` and `sigma` (ours or pytorch-fid's, compressed or not). */
export async function loadStatistics(path: string, limits: Partial<ReaderLimits> = {}): Promise<GaussianStatistics> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (error) {
    throw new FidFileError(`cannot read statistics file ${path}: ${(error as Error).message}`);
  }
  return readStatistics(bytes, path, limits);
}

/** Parses the bytes of a statistics .npz; see `loadStatistics`. */
export function readStatistics(bytes: Uint8Array, label: string, limits: Partial<ReaderLimits> = {}): GaussianStatistics {
  return parsingFile(label, () => {
    const entries = readZipEntries(bytes, label, limits);
    const array = (key: string) => {
      const entry = entries.get(`${key}.npy`);
      return entry === undefined ? undefined : decodeNpy(entry, `${label}:${key}`);
    };
    const mu = array('mu');
    const sigma = array('sigma');
    if (mu === undefined || sigma === undefined) throw new FidFileError(`${label}: a statistics .npz needs arrays "mu" and "sigma"`);
    const dim = mu.data.length;
    const n = array('n');
    const stats: GaussianStatistics = { dim, mean: mu.data, covariance: sigma.data, count: n === undefined ? undefined : n.data[0] };
    validateStatistics(stats, label);
    return stats;
  });
}
