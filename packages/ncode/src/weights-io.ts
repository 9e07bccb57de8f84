import * as tf from '@tensorflow/tfjs-core';
import { WeightFileError } from './errors';
import type { Module } from './module';

/** The JSON half of a weight file: what each variable is and where its values sit in the binary half. */
export interface WeightManifest {
  format: 'tfode-ncode-weights';
  version: 1;
  /** The binary half: magic "TFNW", then each variable's float32 values little-endian, in this order. */
  entries: Array<{ name: string; shape: number[] }>;
}

const MAGIC = [0x54, 0x46, 0x4e, 0x57]; // "TFNW"

/** Every variable of `module` as a manifest and a binary buffer (float32 little-endian). */
export function serializeWeights(module: Module): { manifest: WeightManifest; data: Uint8Array } {
  const named = module.namedVariables();
  const total = named.reduce((n, [, v]) => n + v.size, 0);
  const data = new Uint8Array(MAGIC.length + 4 * total);
  data.set(MAGIC, 0);
  const view = new DataView(data.buffer);
  let offset = MAGIC.length;
  for (const [, v] of named) {
    for (const value of v.dataSync()) {
      view.setFloat32(offset, value, true);
      offset += 4;
    }
  }
  return { manifest: { format: 'tfode-ncode-weights', version: 1, entries: named.map(([name, v]) => ({ name, shape: [...v.shape] })) }, data };
}

/** How weights are checked on load. */
export interface WeightLoadOptions {
  /**
   * Accept NaN and ±Infinity values (default false: a non-finite value, the mark of a diverged or
   * corrupted run, is a WeightFileError).
   */
  allowNonFinite?: boolean;
}

/**
 * Assigns the weights of (manifest, data) to `module`'s variables. Checks everything before assigning
 * anything: format, magic, names, shapes and length must all match the module, and every value must
 * be finite unless `options.allowNonFinite`.
 */
export function deserializeWeights(module: Module, manifest: unknown, data: Uint8Array, options: WeightLoadOptions = {}): void {
  const m = manifest as Partial<WeightManifest> | null;
  if (typeof m !== 'object' || m === null || m.format !== 'tfode-ncode-weights' || m.version !== 1 || !Array.isArray(m.entries)) {
    throw new WeightFileError('the manifest is not a tfode-ncode-weights version 1 manifest (expected {format, version: 1, entries})');
  }
  if (data.length < MAGIC.length || MAGIC.some((b, i) => data[i] !== b)) {
    throw new WeightFileError('the weight data does not start with the magic "TFNW": it is not a tfode-ncode weight binary');
  }
  const named = module.namedVariables();
  const expected = named.map(([name]) => name);
  const given = m.entries.map((e) => e?.name);
  const missing = expected.filter((n) => !given.includes(n));
  const extra = given.filter((n) => !expected.includes(n as string));
  if (missing.length > 0 || extra.length > 0 || given.length !== expected.length) {
    throw new WeightFileError(`the weight names do not match the model: missing [${missing.join(', ')}], unexpected [${extra.join(', ')}]`);
  }
  const byName = new Map(named);
  let total = 0;
  for (const entry of m.entries) {
    const variable = byName.get(entry.name) as tf.Variable;
    if (!Array.isArray(entry.shape) || entry.shape.length !== variable.rank || entry.shape.some((d, i) => d !== variable.shape[i])) {
      throw new WeightFileError(`"${entry.name}" has shape [${entry.shape}] in the file but [${variable.shape}] in the model`);
    }
    total += variable.size;
  }
  if (data.length !== MAGIC.length + 4 * total) {
    throw new WeightFileError(`the weight data has ${data.length} bytes; the manifest needs ${MAGIC.length + 4 * total} (4 + 4 per value)`);
  }
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let offset = MAGIC.length;
  const decoded = m.entries.map((entry) => {
    const variable = byName.get(entry.name) as tf.Variable;
    const values = new Float32Array(variable.size);
    for (let i = 0; i < values.length; i++, offset += 4) values[i] = view.getFloat32(offset, true);
    const bad = options.allowNonFinite ? -1 : values.findIndex((value) => !Number.isFinite(value));
    if (bad >= 0) {
      throw new WeightFileError(
        `"${entry.name}" holds ${values[bad]} at index ${bad}: the weights are not finite (a diverged run?); pass { allowNonFinite: true } to load them anyway`,
      );
    }
    return { variable, values };
  });
  for (const { variable, values } of decoded) tf.tidy(() => variable.assign(tf.tensor(values, variable.shape)));
}
