/**
 * Getting the FID Inception weights: pytorch-fid's published .pth file read directly, or a tfjs
 * weights manifest (same tensor names, torch layouts) for users who converted it another way.
 * Every tensor's name and shape is checked against the architecture before use.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { FidFileError } from './errors';
import { inceptionWeightManifest } from './inception-architecture';
import { readTfjsWeightsManifest } from './tfjs-weights-manifest';
import { readTorchStateDict, type TorchTensor } from './torch-state-dict';

export type WeightMap = ReadonlyMap<string, TorchTensor>;

/** The reference weights (TensorFlow's 2015-12-05 Inception graph ported by pytorch-fid). */
export const REFERENCE_WEIGHTS = {
  file: 'pt_inception-2015-12-05-6726825d.pth',
  sha256Prefix: '6726825d',
  url: 'https://github.com/mseitzer/pytorch-fid/releases/download/fid_weights/pt_inception-2015-12-05-6726825d.pth',
} as const;

const MISSING_HINT =
  `Download ${REFERENCE_WEIGHTS.file} (SHA-256 starts with ${REFERENCE_WEIGHTS.sha256Prefix}, 91 MB) from ` +
  `${REFERENCE_WEIGHTS.url} and pass its path as \`weights\`.`;

export interface LoadedWeights {
  readonly weights: WeightMap;
  /** SHA-256 of the .pth file, or of the manifest JSON for tfjs weights. */
  readonly sha256: string;
}

/** Loads and verifies weights from a `.pth` file or a tfjs weights manifest (`.json`). */
export async function loadInceptionWeights(path: string, onWarning: (message: string) => void = console.warn): Promise<LoadedWeights> {
  const exists = await stat(path).then((s) => s.isFile(), () => false);
  if (!exists) throw new FidFileError(`FID Inception weights not found at ${path}. ${MISSING_HINT}`);
  const bytes = new Uint8Array(await readFile(path));
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  let weights: WeightMap;
  if (path.toLowerCase().endsWith('.json')) {
    weights = await readTfjsWeightsManifest(bytes, path);
  } else {
    weights = readTorchStateDict(bytes, path);
    if (!sha256.startsWith(REFERENCE_WEIGHTS.sha256Prefix)) {
      onWarning(`${path}: SHA-256 ${sha256.slice(0, 8)}… differs from the reference ${REFERENCE_WEIGHTS.file}; FIDs will not be comparable with published numbers`);
    }
  }
  verifyInceptionWeights(weights, path);
  return { weights, sha256 };
}

/**
 * Throws a FidFileError unless `weights` holds exactly the reference tensors (plus optional BatchNorm
 * counters), each of a float type and with finite values only.
 */
export function verifyInceptionWeights(weights: WeightMap, label: string): void {
  // Wrong shapes and stray names first: they say more about a conversion error than a list of absences.
  const wrong: string[] = [];
  const missing: string[] = [];
  const expected = inceptionWeightManifest();
  const names = new Set(expected.map((e) => e.name));
  for (const { name, shape } of expected) {
    const tensor = weights.get(name);
    if (tensor === undefined) missing.push(`missing ${name}`);
    else if (tensor.shape.join(',') !== shape.join(',')) wrong.push(`${name} has shape [${tensor.shape}] instead of [${shape}]`);
    else if (!['float32', 'float16', 'float64', 'bfloat16'].includes(tensor.dtype)) wrong.push(`${name} has dtype ${tensor.dtype}, expected a float type`);
    else {
      const values = tensor.data as Float32Array | Float64Array;
      const bad = values.findIndex((v) => !Number.isFinite(v));
      if (bad >= 0) wrong.push(`${name}[${bad}] is ${values[bad]}; weights must be finite`);
    }
  }
  for (const name of weights.keys()) {
    if (!names.has(name) && !name.endsWith('.bn.num_batches_tracked')) wrong.push(`unexpected tensor ${name}`);
  }
  const problems = [...wrong, ...missing];
  if (problems.length > 0) {
    const shown = problems.slice(0, 6).join('; ') + (problems.length > 6 ? `; and ${problems.length - 6} more` : '');
    throw new FidFileError(`${label} is not the FID Inception-V3 state dict: ${shown}. ${MISSING_HINT}`);
  }
}
