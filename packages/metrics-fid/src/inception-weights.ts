/**
 * The FID Inception weights: which file they come from, and the check every set passes before use
 * (each tensor's name, shape, dtype and values against the architecture).
 */
import { FidFileError } from './errors';
import { inceptionWeightManifest } from './inception-architecture';
import type { TorchTensor } from './torch-state-dict';

export type WeightMap = ReadonlyMap<string, TorchTensor>;

/** The reference weights (TensorFlow's 2015-12-05 Inception graph ported by pytorch-fid). */
export const REFERENCE_WEIGHTS = {
  file: 'pt_inception-2015-12-05-6726825d.pth',
  sha256Prefix: '6726825d',
  url: 'https://github.com/mseitzer/pytorch-fid/releases/download/fid_weights/pt_inception-2015-12-05-6726825d.pth',
} as const;

/** Where to get the reference weights, for the errors that find them missing or wrong. */
export const MISSING_WEIGHTS_HINT =
  `Download ${REFERENCE_WEIGHTS.file} (SHA-256 starts with ${REFERENCE_WEIGHTS.sha256Prefix}, 91 MB) from ` +
  `${REFERENCE_WEIGHTS.url}, then pass its path as \`weights\` (Node) or its bytes to \`readTorchStateDict\`.`;

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
    throw new FidFileError(`${label} is not the FID Inception-V3 state dict: ${shown}. ${MISSING_WEIGHTS_HINT}`);
  }
}
