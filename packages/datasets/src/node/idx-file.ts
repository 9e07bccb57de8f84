import { idxDeclaredSize, parseIdx, type IdxArray } from '../idx';
import { readMaybeGzipped, type ReadLimits } from './data-file';

/**
 * Reads an IDX file, gzipped or raw, within `limits`; a gzipped one is inflated no further than
 * the size its header declares.
 */
export async function readIdx(path: string, expectedMagic: number, limits: ReadLimits = {}): Promise<IdxArray> {
  const declaredSize = (head: Uint8Array) => idxDeclaredSize(head, path, expectedMagic);
  return parseIdx(await readMaybeGzipped(path, { ...limits, declaredSize }), path, expectedMagic);
}
