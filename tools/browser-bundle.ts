// Bundles a snippet for the browser with esbuild, which resolves every module it reaches: a Node builtin
// anywhere behind a package's main entry fails the build or shows in the imports. Used by the packages'
// browser-bundle tests.
import { builtinModules } from 'node:module';
import { build } from 'esbuild';

const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

/** Bundles `contents` (resolved from `packageDir`) for the browser, tfjs left external. */
export async function browserBundle(packageDir: string, contents: string) {
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
  const imports = Object.values(result.metafile.inputs).flatMap((input) => input.imports.map((i) => i.path));
  return { errors: result.errors, nodeBuiltins: imports.filter((path) => builtins.has(path)), inputs: Object.keys(result.metafile.inputs) };
}
