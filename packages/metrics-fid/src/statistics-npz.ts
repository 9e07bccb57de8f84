/** (μ, Σ, n) as .npz bytes, the format pytorch-fid reads and writes (keys mu, sigma). */
import { asUint8Array, type Bytes } from './bytes';
import { FidFileError, parsingFile } from './errors';
import { type GaussianStatistics, validateStatistics } from './gaussian-statistics';
import { decodeNpy, encodeNpy } from './npy';
import { type ReaderLimits } from './reader-limits';
import { readZipEntries, writeStoredZip } from './zip-archive';

/** `mu`, `sigma` and (when known) the sample count `n` as the bytes of an uncompressed .npz file. */
export function encodeStatistics(stats: GaussianStatistics, label = 'encodeStatistics'): Uint8Array {
  validateStatistics(stats, label);
  const entries: [string, Uint8Array][] = [
    ['mu.npy', encodeNpy(stats.mean, [stats.dim])],
    ['sigma.npy', encodeNpy(stats.covariance, [stats.dim, stats.dim])],
  ];
  if (stats.count !== undefined) entries.push(['n.npy', encodeNpy(BigInt64Array.of(BigInt(stats.count)), [])]);
  return writeStoredZip(entries);
}

/**
 * Parses the bytes of a statistics .npz with `mu` and `sigma` (ours or pytorch-fid's, compressed or
 * not); `label` names them in errors.
 */
export function readStatistics(bytes: Bytes, label = 'statistics', limits: Partial<ReaderLimits> = {}): Promise<GaussianStatistics> {
  return parsingFile(label, async () => {
    const entries = await readZipEntries(asUint8Array(bytes), label, limits);
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
