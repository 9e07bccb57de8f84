import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTorchStateDict } from './torch-state-dict-file';

describe('loadTorchStateDict', () => {
  it('names a missing file', async () => {
    await expect(loadTorchStateDict('/nonexistent/weights.pth')).rejects.toThrow(/cannot read torch file \/nonexistent\/weights.pth/);
  });

  it('reads a .pth from disk', async () => {
    const tensors = await loadTorchStateDict(join(__dirname, '..', '..', 'fixtures', 'state-dict-zip.pth'));
    expect(Array.from(tensors.get('0.weight')!.data as Float32Array)).toEqual(Array.from({ length: 12 }, (_, i) => i * 0.25 - 1.5));
  });
});
