import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import { DataFileError } from './errors';

const gunzipAsync = promisify(gunzip);

/** Reads a whole file, naming it in the error when it is missing or unreadable. */
export async function readDataFile(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const problem = code === 'ENOENT' ? 'file not found; check the path or download the data set first' : `cannot read (${code ?? String(error)})`;
    throw new DataFileError(path, problem);
  }
}

/** Reads a file and gunzips it when it starts with the gzip magic bytes 1f 8b, whatever its name. */
export async function readMaybeGzipped(path: string): Promise<Buffer> {
  const bytes = await readDataFile(path);
  if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  try {
    return await gunzipAsync(bytes);
  } catch (error) {
    throw new DataFileError(path, `corrupt or truncated gzip data (${(error as Error).message})`);
  }
}
