/**
 * The FID Inception weights from disk: pytorch-fid's published .pth file read directly, or a tfjs
 * weights manifest (same tensor names, torch layouts) for users who converted it another way.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { FidFileError } from '../errors';
import { FidInceptionV3 } from '../fid-inception';
import { MISSING_WEIGHTS_HINT, REFERENCE_WEIGHTS, verifyInceptionWeights, type WeightMap } from '../inception-weights';
import { readTorchStateDict } from '../torch-state-dict';
import { readTfjsWeightsManifest } from './tfjs-weights-manifest';

export interface LoadedWeights {
  readonly weights: WeightMap;
  /** SHA-256 of the .pth file, or of the manifest JSON for tfjs weights. */
  readonly sha256: string;
}

/** Loads and verifies weights from a `.pth` file or a tfjs weights manifest (`.json`). */
export async function loadInceptionWeights(path: string, onWarning: (message: string) => void = console.warn): Promise<LoadedWeights> {
  const exists = await stat(path).then((s) => s.isFile(), () => false);
  if (!exists) throw new FidFileError(`FID Inception weights not found at ${path}. ${MISSING_WEIGHTS_HINT}`);
  const bytes = new Uint8Array(await readFile(path));
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  let weights: WeightMap;
  if (path.toLowerCase().endsWith('.json')) {
    weights = await readTfjsWeightsManifest(bytes, path);
  } else {
    weights = await readTorchStateDict(bytes, path);
    if (!sha256.startsWith(REFERENCE_WEIGHTS.sha256Prefix)) {
      onWarning(`${path}: SHA-256 ${sha256.slice(0, 8)}… differs from the reference ${REFERENCE_WEIGHTS.file}; FIDs will not be comparable with published numbers`);
    }
  }
  verifyInceptionWeights(weights, path);
  return { weights, sha256 };
}

/** Loads the weight file (.pth or tfjs manifest) and builds the network from it. */
export async function loadFidInceptionV3(path: string, onWarning?: (message: string) => void): Promise<FidInceptionV3> {
  return FidInceptionV3.fromWeights((await loadInceptionWeights(path, onWarning)).weights, path);
}
