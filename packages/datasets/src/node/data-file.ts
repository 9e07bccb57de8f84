import { open, type FileHandle } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { DataFileError, InvalidArgumentError } from '../errors';

/** The most bytes a data file, or its content once gunzipped, may hold unless a reader is told otherwise: 512 MiB. */
export const DEFAULT_MAX_DATA_BYTES = 512 * 1024 * 1024;

export interface ReadLimits {
  /** The most bytes the file, and its content once gunzipped, may hold (default `DEFAULT_MAX_DATA_BYTES`). */
  maxBytes?: number;
}

export interface GunzipLimits extends ReadLimits {
  /**
   * The content's size as its header declares it, read from the first inflated bytes (undefined
   * while too few have arrived; it may throw on a header it refuses): inflating stops as soon as
   * the content passes it.
   */
  declaredSize?: (head: Buffer) => number | undefined;
}

function maxBytesOf(limits: ReadLimits): number {
  const { maxBytes = DEFAULT_MAX_DATA_BYTES } = limits;
  if (!(maxBytes >= 0)) throw new InvalidArgumentError(`maxBytes must be a non-negative number of bytes, got ${maxBytes}`);
  return maxBytes;
}

/** What went wrong opening or reading a file, as a `DataFileError` problem. */
function readProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' ? 'file not found; check the path or download the data set first' : `cannot read (${code ?? String(error)})`;
}

/**
 * Reads a whole file of at most `maxBytes`, naming it in the error when it is missing, unreadable
 * or larger; never reads past the size the file had when opened.
 */
export async function readDataFile(path: string, limits: ReadLimits = {}): Promise<Buffer> {
  const maxBytes = maxBytesOf(limits);
  let file: FileHandle | undefined;
  try {
    file = await open(path, 'r');
    const { size } = await file.stat();
    if (size > maxBytes) throw new DataFileError(path, `${size} bytes, over the limit of ${maxBytes}; pass a larger maxBytes if the file is genuine`);
    const bytes = Buffer.alloc(size);
    let filled = 0;
    while (filled < size) {
      const { bytesRead } = await file.read(bytes, filled, size - filled, filled);
      if (bytesRead === 0) break; // the file shrank since it was opened
      filled += bytesRead;
    }
    return bytes.subarray(0, filled);
  } catch (error) {
    if (error instanceof DataFileError) throw error;
    throw new DataFileError(path, readProblem(error));
  } finally {
    await file?.close();
  }
}

/**
 * Inflates gzip data, stopping as soon as the content passes `maxBytes` or the size its header
 * declares; corrupt or truncated data and oversized content throw a `DataFileError` naming `path`.
 */
async function gunzipCapped(gzipped: Uint8Array, path: string, limits: GunzipLimits = {}): Promise<Buffer> {
  let cap = maxBytesOf(limits);
  let limitName = `the limit of ${cap} bytes (pass a larger maxBytes if the file is genuine)`;
  const chunks: Buffer[] = [];
  let size = 0;
  let declared: number | undefined;
  const gunzip = createGunzip();
  gunzip.end(gzipped);
  try {
    // Leaving the loop destroys the stream: inflating stops with the chunk that passed the cap.
    for await (const chunk of gunzip as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      size += chunk.length;
      if (declared === undefined && limits.declaredSize) {
        declared = limits.declaredSize(chunks.length === 1 ? chunk : Buffer.concat(chunks));
        if (declared !== undefined && declared < cap) [cap, limitName] = [declared, `the ${declared} bytes its header declares`];
      }
      if (size > cap) throw new DataFileError(path, `gzip content grows past ${limitName}; stopped inflating there`);
    }
    return Buffer.concat(chunks, size);
  } catch (error) {
    if (error instanceof DataFileError) throw error;
    throw new DataFileError(path, `corrupt or truncated gzip data (${(error as Error).message})`);
  }
}

/** Reads a file and gunzips it when it starts with the gzip magic bytes 1f 8b, whatever its name, both within the limits. */
export async function readMaybeGzipped(path: string, limits: GunzipLimits = {}): Promise<Buffer> {
  const bytes = await readDataFile(path, limits);
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  return gunzipCapped(bytes, path, limits);
}
