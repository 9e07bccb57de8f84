// The main entry must bundle for the browser: esbuild resolves every module it reaches, so a Node
// builtin anywhere behind '@tfode/metrics-fid' fails the build (and would show in the imports).
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const packageDir = join(__dirname, '..');
const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/** Bundles `contents` (resolved from the package folder) for the browser; returns the bundle's imports and inputs. */
async function browserBundle(contents: string) {
  const result = await build({
    stdin: { contents, resolveDir: packageDir, loader: 'ts' },
    bundle: true,
    platform: 'browser',
    format: 'esm',
    external: ['@tensorflow/*'],
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const inputs = Object.values(result.metafile.inputs);
  return { errors: result.errors, imports: inputs.flatMap((input) => input.imports.map((i) => i.path)), inputs: Object.keys(result.metafile.inputs) };
}

describe('the main entry in a browser bundle', () => {
  it('bundles a file using frechetDistance with no Node builtin', async () => {
    const bundle = await browserBundle(
      "import { frechetDistance } from './src/index.ts';\nconst one = { dim: 1, mean: Float64Array.of(0), covariance: Float64Array.of(1) };\nexport const run = () => frechetDistance(one, one);",
    );
    expect(bundle.errors).toEqual([]);
    expect(bundle.imports.filter((path) => builtins.has(path))).toEqual([]);
    expect(bundle.inputs).toContain('src/frechet-distance.ts');
  });

  it('bundles everything the main entry exports with no Node builtin', async () => {
    const bundle = await browserBundle("export * from './src/index.ts';");
    expect(bundle.errors).toEqual([]);
    expect(bundle.imports.filter((path) => builtins.has(path))).toEqual([]);
  });

  it('is a real check: the ./node entry does not bundle for the browser', async () => {
    await expect(browserBundle("export * from './src/node/index.ts';")).rejects.toThrow(/Could not resolve "(node:)?(fs|path|zlib|crypto|util|stream)/);
  });
});
