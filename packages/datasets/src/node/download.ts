import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { access, mkdir, rename, rm, stat, unlink } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { InvalidArgumentError } from '../errors';
import { ChecksumMismatchError, DownloadError, DownloadTooLargeError } from './errors';
import { extractTar } from './tar';

/** A published file: where to get it (tried in order), its SHA-256 and, when known, its size in bytes. */
export interface RemoteFile {
  name: string;
  urls: readonly string[];
  sha256: string;
  /** A server sending more than this is cut off; without it, `DownloadOptions.maxBytes` bounds the file. */
  size?: number;
}

export type DatasetName = 'mnist' | 'fashion-mnist' | 'cifar-10';

const MNIST_BASES = ['https://ossci-datasets.s3.amazonaws.com/mnist/', 'https://storage.googleapis.com/cvdf-datasets/mnist/', 'http://yann.lecun.com/exdb/mnist/'];
const FASHION_BASE = 'http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/';

function files(bases: readonly string[], published: Record<string, [sha256: string, size: number]>): RemoteFile[] {
  return Object.entries(published).map(([name, [sha256, size]]) => ({ name, sha256, size, urls: bases.map((base) => base + name) }));
}

/** The official files, their published SHA-256 (as listed by TensorFlow Datasets and the data sets' authors) and sizes. */
export const DATASET_SOURCES: Readonly<Record<DatasetName, { files: readonly RemoteFile[]; extractTo?: string }>> = {
  mnist: {
    files: files(MNIST_BASES, {
      'train-images-idx3-ubyte.gz': ['440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609', 9912422],
      'train-labels-idx1-ubyte.gz': ['3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c', 28881],
      't10k-images-idx3-ubyte.gz': ['8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6', 1648877],
      't10k-labels-idx1-ubyte.gz': ['f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6', 4542],
    }),
  },
  'fashion-mnist': {
    files: files([FASHION_BASE], {
      'train-images-idx3-ubyte.gz': ['08dc20ab1689590a0bcd66e874647b6ee8464e2d501b5a3f1f78831db19a3fdc', 26421880],
      'train-labels-idx1-ubyte.gz': ['b0197879cbda89f3dc7b894f9fd52b858e68ea4182b6947c9d8c2b67e5f18dcc', 29515],
      't10k-images-idx3-ubyte.gz': ['78dcbbfb5a27efaf1b6c1d616caca68560be8766c5bffcb2791df9273a534229', 4422102],
      't10k-labels-idx1-ubyte.gz': ['42bd18137a62d5998cdeae52bf3a0676ac6b706f5cf8439b47bb5b151ae3dccf', 5148],
    }),
  },
  'cifar-10': {
    files: files(['https://www.cs.toronto.edu/~kriz/'], {
      'cifar-10-binary.tar.gz': ['c4a38c50a1bc5f3a1c5537f2155ab9d68f9f25eb1ed8d9ddda3db29a59bca1dd', 170052171],
    }),
    extractTo: 'cifar-10-batches-bin',
  },
};

/** The most bytes a file of unknown size may have unless told otherwise: 1 GiB. */
export const DEFAULT_MAX_DOWNLOAD_BYTES = 1024 * 1024 * 1024;

export interface DownloadOptions {
  /** Abort a connection silent for this long (default 60 s); what arrived is kept for resuming. */
  timeoutMs?: number;
  /** The most bytes a file without a known `size` may have (default `DEFAULT_MAX_DOWNLOAD_BYTES`). */
  maxBytes?: number;
}

/** SHA-256 of a file, hex. */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}

/**
 * Appends the rest of `url` to `partPath` (a Range request from its current size), following
 * redirects; throws a `DownloadTooLargeError` as soon as the file would pass `maxBytes`.
 */
async function fetchInto(url: string, partPath: string, timeoutMs: number, maxBytes: number, redirectsLeft = 5): Promise<void> {
  const offset = await sizeOf(partPath);
  const client = url.startsWith('https:') ? https : url.startsWith('http:') ? http : undefined;
  if (!client) throw new InvalidArgumentError(`only http(s) URLs can be downloaded, got ${url}`);
  const response = await new Promise<http.IncomingMessage>((resolve, reject) => {
    const request = client.get(url, { headers: offset > 0 ? { Range: `bytes=${offset}-` } : {} }, resolve);
    request.setTimeout(timeoutMs, () => request.destroy(new Error(`no data for ${timeoutMs} ms`)));
    request.on('error', (error) => reject(new DownloadError(url, `${error.message}; call download() again to resume`)));
  });
  const status = response.statusCode ?? 0;
  if (status >= 300 && status < 400 && response.headers.location) {
    response.resume();
    if (redirectsLeft === 0) throw new DownloadError(url, 'too many redirects');
    return fetchInto(new URL(response.headers.location, url).href, partPath, timeoutMs, maxBytes, redirectsLeft - 1);
  }
  if (status === 416 && offset > 0) {
    response.resume(); // the part already holds the whole file: the checksum decides
    return;
  }
  const resumed = status === 206 && response.headers['content-range']?.startsWith(`bytes ${offset}-`);
  if (status !== 200 && !resumed) {
    response.resume();
    throw new DownloadError(url, `HTTP ${status}`);
  }
  const kept = resumed ? offset : 0;
  const expected = Number(response.headers['content-length'] ?? NaN);
  if (kept + expected > maxBytes) {
    response.destroy();
    throw new DownloadTooLargeError(url, maxBytes);
  }
  let received = 0;
  const bounded = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received += chunk.length;
      done(kept + received > maxBytes ? new DownloadTooLargeError(url, maxBytes) : null, chunk);
    },
  });
  try {
    await pipeline(response, bounded, createWriteStream(partPath, { flags: resumed ? 'a' : 'w' }));
  } catch (error) {
    if (error instanceof DownloadTooLargeError) throw error;
    throw new DownloadError(url, `connection lost after ${received} bytes (${(error as Error).message}); call download() again to resume`);
  }
  if (Number.isFinite(expected) && received < expected) {
    throw new DownloadError(url, `connection closed after ${received} of ${expected} bytes; call download() again to resume`);
  }
}

/**
 * Downloads one file into `dir` unless a verified copy is there: bytes go to `<name>.part`
 * (resumed with an HTTP Range request when a previous attempt left one), the SHA-256 is checked,
 * and only then is the file renamed to its final name. A checksum mismatch deletes the part file,
 * and so does a server sending more than the file's known `size` (else `maxBytes`).
 */
export async function downloadFile(file: RemoteFile, dir: string, options: DownloadOptions = {}): Promise<string> {
  const { timeoutMs = 60_000, maxBytes = DEFAULT_MAX_DOWNLOAD_BYTES } = options;
  const limit = file.size ?? maxBytes;
  if (!(Number.isInteger(limit) && limit >= 0)) throw new InvalidArgumentError(`the size limit of ${file.name} must be a non-negative integer, got ${limit}`);
  if (!/^[0-9a-f]{64}$/.test(file.sha256)) throw new InvalidArgumentError(`sha256 must be 64 lowercase hex digits, got ${file.sha256}`);
  if (file.urls.length === 0) throw new InvalidArgumentError(`no URL given for ${file.name}`);
  await mkdir(dir, { recursive: true });
  const finalPath = join(dir, file.name);
  const partPath = `${finalPath}.part`;
  if ((await sizeOf(finalPath)) > 0 && (await sha256File(finalPath)) === file.sha256) return finalPath;
  let lastError: unknown;
  for (const url of file.urls) {
    try {
      await fetchInto(url, partPath, timeoutMs, limit);
      lastError = undefined;
      break;
    } catch (error) {
      if (error instanceof DownloadTooLargeError) await rm(partPath, { force: true });
      lastError = error;
    }
  }
  if (lastError) throw lastError;
  const actual = await sha256File(partPath);
  if (actual !== file.sha256) {
    await unlink(partPath);
    throw new ChecksumMismatchError(finalPath, file.sha256, actual);
  }
  await rename(partPath, finalPath);
  return finalPath;
}

/**
 * Downloads a data set's official files into `dir` (checked, atomic, resumable) and returns the
 * folder its loader reads: `dir` for MNIST and Fashion-MNIST, `dir/cifar-10-batches-bin` for
 * CIFAR-10 (the archive is extracted). `mirror` replaces the official hosts: `<mirror><file name>`.
 */
export async function download(name: DatasetName, dir: string, options: DownloadOptions & { mirror?: string } = {}): Promise<string> {
  const source = DATASET_SOURCES[name];
  if (!source) throw new InvalidArgumentError(`unknown data set "${name}"; choose one of ${Object.keys(DATASET_SOURCES).join(', ')}`);
  const paths: string[] = [];
  for (const file of source.files) {
    paths.push(await downloadFile(options.mirror ? { ...file, urls: [options.mirror + file.name] } : file, dir, options));
  }
  if (!source.extractTo) return dir;
  const target = join(dir, source.extractTo);
  try {
    await access(join(target, 'test_batch.bin'));
  } catch {
    await extractTar(paths[0], dir);
  }
  return target;
}
