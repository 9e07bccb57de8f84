// The main entry must bundle for the browser: esbuild resolves every module it reaches, so a Node
// builtin anywhere behind '@tfode/datasets' fails the build (and would show in the imports).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserBundle } from '../../../tools/browser-bundle';

const bundled = (contents: string) => browserBundle(join(__dirname, '..'), contents);

describe('the main entry in a browser bundle', () => {
  it('bundles a file using concentricAnnuli and batches with no Node builtin', async () => {
    const bundle = await bundled(
      "import { batches, concentricAnnuli } from './src/index.ts';\nexport const run = () => batches(concentricAnnuli({ numPoints: 8, seed: 0 }), { batchSize: 4, seed: 0, epoch: 0 });",
    );
    expect(bundle.errors).toEqual([]);
    expect(bundle.nodeBuiltins).toEqual([]);
    expect(bundle.inputs).toContain('src/annuli.ts');
  });

  it('bundles everything the main entry exports with no Node builtin', async () => {
    const bundle = await bundled("export * from './src/index.ts';");
    expect(bundle.errors).toEqual([]);
    expect(bundle.nodeBuiltins).toEqual([]);
  });

  it('is a real check: the ./node entry does not bundle for the browser', async () => {
    await expect(bundled("export * from './src/node/index.ts';")).rejects.toThrow(/Could not resolve "(node:)?(fs|path|zlib|crypto|util|stream)/);
  });
});
