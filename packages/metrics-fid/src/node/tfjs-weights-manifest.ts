/**
 * A tfjs `weightsManifest` (or a model.json holding one) and its float32 shards. Shard paths are
 * confined to the manifest's folder: absolute paths, `..` escapes and symlinks that lead out are
 * refused with the same message as a missing file, so the refusal says nothing about paths outside
 * the folder. Each group's shards are read only up to the bytes its weights need.
 */
import { constants } from 'node:fs';
import { type FileHandle, open, realpath } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { FidFileError } from '../errors';
import { type ReaderLimits, readerLimits } from '../reader-limits';
import type { TorchTensor } from '../torch-state-dict';

interface ManifestWeight {
  readonly name: string;
  readonly shape: number[];
  readonly count: number;
}

interface ManifestGroup {
  readonly paths: string[];
  readonly weights: ManifestWeight[];
  /** The bytes the group's weights take, all float32. */
  readonly byteLength: number;
}

/** Parses the manifest `bytes` (read from `path`) and reads its shards from the manifest's folder. */
export async function readTfjsWeightsManifest(bytes: Uint8Array, path: string, limits: Partial<ReaderLimits> = {}): Promise<Map<string, TorchTensor>> {
  const groups = parseManifest(bytes, path, readerLimits(limits));
  const folder = await realpath(dirname(path));
  const out = new Map<string, TorchTensor>();
  for (const group of groups) {
    const data = await readShards(group, folder, path);
    let offset = 0;
    for (const { name, shape, count } of group.weights) {
      if (offset + 4 * count > data.length) throw new FidFileError(`${path}: shards end before ${name}`);
      out.set(name, { dtype: 'float32', shape, data: new Float32Array(data.buffer, data.byteOffset + offset, count) });
      offset += 4 * count;
    }
  }
  return out;
}

function parseManifest(bytes: Uint8Array, path: string, limits: ReaderLimits): ManifestGroup[] {
  const fail = (what: string): never => {
    throw new FidFileError(`${path}: ${what}`);
  };
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    fail(`not valid JSON (${(error as Error).message})`);
  }
  const groups = Array.isArray(parsed) ? parsed : isObject(parsed) ? parsed.weightsManifest : undefined;
  if (!Array.isArray(groups)) fail('expected a tfjs weightsManifest array or a model.json with "weightsManifest"');
  return (groups as unknown[]).map((group, g) => {
    if (!isObject(group) || !Array.isArray(group.paths) || !Array.isArray(group.weights)) fail(`weightsManifest[${g}] needs arrays "paths" and "weights"`);
    const { paths, weights } = group as { paths: unknown[]; weights: unknown[] };
    if (!paths.every((shard) => typeof shard === 'string')) fail(`weightsManifest[${g}].paths must all be strings`);
    let byteLength = 0;
    const entries = weights.map((entry, w) => {
      if (!isObject(entry) || typeof entry.name !== 'string') fail(`weightsManifest[${g}].weights[${w}] needs a string "name"`);
      const { name, shape, dtype, quantization } = entry as { name: string; shape: unknown; dtype: unknown; quantization?: unknown };
      if (dtype !== 'float32' || quantization !== undefined) {
        fail(`${name} is ${String(dtype)}${quantization ? ' (quantized)' : ''}; only unquantized float32 weights are supported`);
      }
      if (!Array.isArray(shape) || !shape.every((n) => Number.isSafeInteger(n) && n >= 0)) fail(`${name} needs a shape of non-negative integers`);
      const count = (shape as number[]).reduce((a, b) => a * b, 1);
      if (count > limits.maxTensorElements) fail(`${name} has more than ${limits.maxTensorElements} elements (maxTensorElements)`);
      byteLength += 4 * count;
      return { name, shape: shape as number[], count };
    });
    return { paths: paths as string[], weights: entries, byteLength };
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** The group's shards concatenated, after checking their sizes add up to what its weights need. */
async function readShards(group: ManifestGroup, folder: string, path: string): Promise<Uint8Array> {
  const handles: FileHandle[] = [];
  try {
    const sizes: number[] = [];
    for (const shard of group.paths) {
      const handle = await openShard(shard, folder, path);
      handles.push(handle);
      sizes.push((await handle.stat()).size);
    }
    const total = sizes.reduce((a, b) => a + b, 0);
    if (total > group.byteLength) throw new FidFileError(`${path}: shards hold ${total} bytes but the weights need ${group.byteLength}`);
    // Short shards are reported by the caller, naming the first weight they do not cover.
    const data = new Uint8Array(total);
    let filled = 0;
    for (const [i, handle] of handles.entries()) {
      const end = filled + sizes[i];
      while (filled < end) {
        const { bytesRead } = await handle.read(data, filled, end - filled, null);
        if (bytesRead === 0) break;
        filled += bytesRead;
      }
    }
    return data.subarray(0, filled);
  } finally {
    await Promise.all(handles.map((handle) => handle.close()));
  }
}

/**
 * Opens `shard` (relative to the manifest's real folder) if it is a regular file inside that
 * folder, symlinks resolved. Every refusal, a missing file included, reads the same.
 */
async function openShard(shard: string, folder: string, path: string): Promise<FileHandle> {
  const refuse = () => new FidFileError(`${path}: weight shard ${shard} not found: shards must be regular files inside the manifest's folder`);
  // Decided on the text alone, before touching the file system.
  if (shard === '' || shard.includes('\0') || isAbsolute(shard) || !isInside(folder, resolve(folder, shard))) throw refuse();
  let handle: FileHandle | undefined;
  try {
    const target = await realpath(resolve(folder, shard));
    if (!isInside(folder, target)) throw refuse();
    handle = await open(target, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
    if (!(await handle.stat()).isFile()) throw refuse();
    return handle;
  } catch {
    await handle?.close();
    throw refuse();
  }
}

function isInside(folder: string, target: string): boolean {
  const path = relative(folder, target);
  return path !== '' && path !== '..' && !path.startsWith(`..${sep}`) && !isAbsolute(path);
}
