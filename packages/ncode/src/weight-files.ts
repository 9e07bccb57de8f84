import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { WeightFileError } from './errors';
import type { Module } from './module';
import { deserializeWeights, serializeWeights } from './weights-io';

/** Writes `path` through a temporary file and a rename, so a reader never sees half a file. */
async function writeAtomically(path: string, contents: string | Uint8Array): Promise<void> {
  const temporary = `${path}.${process.pid}.partial`;
  try {
    await writeFile(temporary, contents);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/**
 * Writes `${prefix}.bin` then `${prefix}.json` (manifest, parsed with JSON.parse only), each atomically;
 * the manifest records the data's length, so a reader never pairs a manifest with a shorter data file.
 */
export async function saveWeights(module: Module, prefix: string): Promise<{ manifestPath: string; dataPath: string }> {
  const { manifest, data } = serializeWeights(module);
  const [manifestPath, dataPath] = [`${prefix}.json`, `${prefix}.bin`];
  await writeAtomically(dataPath, data);
  await writeAtomically(manifestPath, JSON.stringify(manifest, null, 1));
  return { manifestPath, dataPath };
}

/** Reads the pair written by `saveWeights` into `module`'s variables. */
export async function loadWeights(module: Module, prefix: string): Promise<void> {
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
  deserializeWeights(module, manifest, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
}
