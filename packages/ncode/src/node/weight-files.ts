import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { WeightFileError } from '../errors';
import type { Module } from '../module';
import { deserializeWeights, serializeWeights, type WeightLoadOptions } from '../weights-io';

/** Flushes `folder`'s entries (the rename just made) to disk; Windows cannot open a folder to do so. */
async function syncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Writes `data` to `path` so that readers see either the old file or the whole new one, never a
 * partial write; creates the folder. The bytes go to a temporary file beside `path`,
 * `.<name>.<16 random hex digits>.tmp` — unpredictable, created exclusively (an existing file or
 * symlink under that name is an error, never followed), hidden, and named so that a file left by a
 * killed process is recognisable and never taken for `path` — which is flushed to disk, renamed over
 * `path` (same file system, so atomic), and the folder flushed. On failure the temporary file is
 * removed and `path` left as it was. Concurrent writers each use their own temporary file: the last
 * rename wins, and every state of `path` is one writer's whole file.
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const folder = dirname(path);
  const temporary = join(folder, `.${basename(path)}.${randomBytes(8).toString('hex')}.tmp`);
  let created = false;
  try {
    await mkdir(folder, { recursive: true });
    const handle = await open(temporary, 'wx');
    created = true;
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
    created = false;
    await syncFolder(folder);
  } catch (error) {
    if (created) await rm(temporary, { force: true });
    throw new Error(`could not write ${path}: ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Writes `${prefix}.bin` then `${prefix}.json` (manifest, parsed with JSON.parse only), each with
 * `writeFileAtomic`; the manifest records the data's length, so a reader never pairs a manifest with a
 * shorter data file.
 */
export async function saveWeights(module: Module, prefix: string): Promise<{ manifestPath: string; dataPath: string }> {
  const { manifest, data } = serializeWeights(module);
  const [manifestPath, dataPath] = [`${prefix}.json`, `${prefix}.bin`];
  await writeFileAtomic(dataPath, data);
  await writeFileAtomic(manifestPath, JSON.stringify(manifest, null, 1));
  return { manifestPath, dataPath };
}

/** Reads the pair written by `saveWeights` into `module`'s variables, checked as `deserializeWeights` does. */
export async function loadWeights(module: Module, prefix: string, options: WeightLoadOptions = {}): Promise<void> {
  const read = async (path: string) => {
    try {
      return await readFile(path);
    } catch (error) {
      throw new WeightFileError(`cannot read ${path}: ${(error as Error).message}`);
    }
  };
  const [text, data] = [await read(`${prefix}.json`), await read(`${prefix}.bin`)];
  let manifest: unknown;
  try {
    manifest = JSON.parse(text.toString('utf8'));
  } catch (error) {
    throw new WeightFileError(`${prefix}.json is not valid JSON: ${(error as Error).message}`);
  }
  deserializeWeights(module, manifest, new Uint8Array(data.buffer, data.byteOffset, data.byteLength), options);
}
