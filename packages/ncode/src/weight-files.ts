import { readFile, writeFile } from 'node:fs/promises';
import { WeightFileError } from './errors';
import type { Module } from './module';
import { deserializeWeights, serializeWeights } from './weights-io';

/** Writes `${prefix}.json` (manifest, parsed with JSON.parse only) and `${prefix}.bin`. */
export async function saveWeights(module: Module, prefix: string): Promise<{ manifestPath: string; dataPath: string }> {
  const { manifest, data } = serializeWeights(module);
  const [manifestPath, dataPath] = [`${prefix}.json`, `${prefix}.bin`];
  await writeFile(manifestPath, JSON.stringify(manifest, null, 1));
  await writeFile(dataPath, data);
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
