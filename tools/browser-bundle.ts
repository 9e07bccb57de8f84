// Bundles a snippet for the browser with esbuild, which resolves every module it reaches: a Node builtin
// anywhere behind a package's main entry fails the build or shows in the imports. Used by the packages'
// browser-bundle tests (describeBrowserEntry).
import { builtinModules } from 'node:module';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/** Bundles `contents` (resolved from `packageDir`) for the browser, tfjs left external; `bytes` is the output's size. */
export async function browserBundle(packageDir: string, contents: string, { minify = false } = {}) {
  const result = await build({
    stdin: { contents, resolveDir: packageDir, loader: 'ts' },
    bundle: true,
    platform: 'browser',
    format: 'esm',
    external: ['@tensorflow/*'],
    minify,
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const imports = Object.values(result.metafile.inputs).flatMap((input) => input.imports.map((i) => i.path));
  return {
    errors: result.errors,
    nodeBuiltins: imports.filter((path) => builtins.has(path)),
    inputs: Object.keys(result.metafile.inputs),
    output: result.outputFiles[0].contents,
  };
}

/** What one package's browser-bundle test checks: a snippet using its main entry, and a module it must reach. */
export interface BrowserEntryCheck {
  packageDir: string;
  /** What the snippet uses, for the test's name. */
  uses: string;
  snippet: string;
  reaches: string;
}

/** The browser-bundle tests of a package whose main entry is browser-safe and whose `./node` entry is not. */
export function describeBrowserEntry({ packageDir, uses, snippet, reaches }: BrowserEntryCheck): void {
  const bundled = (contents: string) => browserBundle(packageDir, contents);
  describe('the main entry in a browser bundle', () => {
    it(`bundles a file using ${uses} with no Node builtin`, async () => {
      const bundle = await bundled(snippet);
      expect(bundle.errors).toEqual([]);
      expect(bundle.nodeBuiltins).toEqual([]);
      expect(bundle.inputs).toContain(reaches);
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
}
