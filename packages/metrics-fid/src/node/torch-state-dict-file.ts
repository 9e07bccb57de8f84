import type { ReaderLimits } from '../reader-limits';
import { readTorchStateDict, type TorchTensor } from '../torch-state-dict';
import { readFileBytes } from './read-file';

/** Loads a `.pth` file from disk; see `readTorchStateDict`. */
export async function loadTorchStateDict(path: string, limits: Partial<ReaderLimits> = {}): Promise<Map<string, TorchTensor>> {
  return readTorchStateDict(await readFileBytes(path, 'torch'), path, limits);
}
