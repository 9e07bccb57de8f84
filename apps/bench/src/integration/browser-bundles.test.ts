// Every published package's built main entry (dist/index.js, what npm users import) bundled for the
// browser by esbuild: no Node builtin anywhere behind it. Prints each bundle's minified and gzip size.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { browserBundle } from '../../../../tools/browser-bundle';

const packagesDir = join(import.meta.dirname, '..', '..', '..', '..', 'packages');
const published = readdirSync(packagesDir).filter((dir) => !JSON.parse(readFileSync(join(packagesDir, dir, 'package.json'), 'utf8')).private);

describe("each package's main entry in a browser bundle (tfjs external)", () => {
  it('covers every published package', () => {
    expect(published).toEqual(expect.arrayContaining(['adjoint', 'datasets', 'errors', 'kernels', 'metrics-fid', 'nanode-bases', 'ncode', 'ode-core', 'seeded-random']));
  });

  it.each(published)('@tfode/%s bundles with no Node builtin', async (name) => {
    const bundle = await browserBundle(join(packagesDir, name), "export * from './dist/index.js';", { minify: true });
    expect(bundle.errors).toEqual([]);
    expect(bundle.nodeBuiltins).toEqual([]);
    const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
    console.log(`@tfode/${name}: ${kib(bundle.output.byteLength)} minified, ${kib(gzipSync(bundle.output).byteLength)} gzip`);
  });
});
