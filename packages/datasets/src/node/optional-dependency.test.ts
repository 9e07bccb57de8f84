import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { MissingDependencyError } from './errors';
import { optionalDependency } from './optional-dependency';

describe('optional dependencies', () => {
  it('turns a failed import into a MissingDependencyError that says what to install', async () => {
    const missing = optionalDependency('tfode-no-such-package', 'someLoader', () => import('tfode-no-such-package' as string));
    await expect(missing).rejects.toThrow(MissingDependencyError);
    await expect(missing).rejects.toThrow(/^someLoader needs the optional package tfode-no-such-package, which could not be loaded \(.*tfode-no-such-package.*\); install it: npm install tfode-no-such-package$/);
    const error = await missing.catch((caught: unknown) => caught as MissingDependencyError);
    expect([error.dependency, error.feature]).toEqual(['tfode-no-such-package', 'someLoader']);
    expect(error.cause).toBeInstanceOf(Error);
  });

  it('loadImageFolder without sharp: a MissingDependencyError naming sharp, after the folder was checked', async () => {
    vi.resetModules();
    vi.doMock('sharp', () => {
      throw new Error("Cannot find package 'sharp'");
    });
    try {
      const { loadImageFolder } = await import('./image-folder');
      const dir = await mkdtemp(join(tmpdir(), 'tfode-no-sharp-'));
      await writeFile(join(dir, 'a.png'), new Uint8Array(8));
      await expect(loadImageFolder(dir, { size: 4 })).rejects.toThrow(/^loadImageFolder needs the optional package sharp, .*install it: npm install sharp$/);
      await rm(dir, { recursive: true, force: true });
    } finally {
      vi.doUnmock('sharp');
    }
  });
});
