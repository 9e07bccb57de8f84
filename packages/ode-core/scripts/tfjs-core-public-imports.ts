// An esbuild plugin for bundling tfjs-core's gradient files (dist/register_all_gradients.js and what it
// imports) without a private copy of tfjs-core. Those files are extensionless ESM that Node cannot load,
// so they must be bundled; but their relative imports reach tfjs-core's engine, tensors and ops. This
// plugin points every such import that tfjs-core also exports publicly at the public
// '@tensorflow/tfjs-core' (kept external, so the user's one instance), and leaves only files with no
// public home (the gradient configs and a few backprop ops) to be bundled.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, resolve } from 'node:path';
import type { Plugin } from 'esbuild';

const coreRequire = createRequire(join(process.cwd(), 'package.json'));
const core: Record<string, unknown> = coreRequire('@tensorflow/tfjs-core');

const importStatement = /^import\s+(?:\*\s+as\s+(\w+)|\{([^}]*)\})\s+from\s+'(\.[^']*)';$/gm;

/** The file a relative specifier of tfjs-core's dist names. */
function fileOf(importer: string, specifier: string): string {
  const base = resolve(dirname(importer), specifier);
  return existsSync(`${base}.js`) ? `${base}.js` : join(base, 'index.js');
}

/** Every name a tfjs-core dist file exports, `export * from` included. */
function exportedNames(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const names = [...source.matchAll(/^export (?:async )?(?:function\*?|const|let|var|class)\s+(\w+)/gm)].map((m) => m[1]!);
  for (const m of source.matchAll(/^export\s*\{([^}]*)\}/gm)) {
    names.push(...m[1]!.split(',').map((s) => s.trim().split(/\s+as\s+/).pop()!).filter(Boolean));
  }
  for (const m of source.matchAll(/^export \* from '([^']+)'/gm)) names.push(...exportedNames(fileOf(file, m[1]!)));
  return names;
}

/** Singletons tfjs-core keeps out of its public API, reached through the public calls that return them. */
const singletons: Record<string, Record<string, string>> = {
  'engine.js': { ENGINE: `import { engine as __tfjsEngine } from '@tensorflow/tfjs-core';\nconst ENGINE = __tfjsEngine();` },
  // The Tensor class tfjs-core registers globally is the one instance's public Tensor.
  'tensor.js': {
    getGlobalTensorClass: `import { Tensor as __tfjsTensor } from '@tensorflow/tfjs-core';\nconst getGlobalTensorClass = () => __tfjsTensor;`,
  },
};

/**
 * Where tfjs-core's public API holds all of `names` of `file`: a helper file (util*.js, *_util.js) in a
 * namespace (the one named after it, util or backend_util), any other file (ops, kernel names) at the
 * top level. Undefined when nowhere: that file is bundled.
 */
function publicHome(file: string, names: string[]): string | undefined {
  const name = basename(file, '.js');
  const namespaces = /^util|_util$/.test(name) ? [name, 'util', 'backend_util'] : [''];
  return namespaces.find((namespace) => {
    const holder = namespace === '' ? core : core[namespace];
    return holder !== null && typeof holder === 'object' && names.every((n) => n in holder);
  });
}

let namespaceImports = 0;

/** The import statement rewritten to the public package, or the statement unchanged (to be bundled). */
function rewriteImport(importer: string, statement: string, star: string | undefined, list: string | undefined, specifier: string) {
  const file = fileOf(importer, specifier);
  const singleton = list && singletons[basename(file)]?.[list.trim()];
  if (singleton) return singleton;
  if (star) {
    const home = publicHome(file, exportedNames(file));
    if (home === undefined) return statement;
    return home === '' ? `import * as ${star} from '@tensorflow/tfjs-core';` : `import { ${home} as ${star} } from '@tensorflow/tfjs-core';`;
  }
  const bindings = list!.split(',').map((s) => s.trim()).filter(Boolean).map((s) => s.split(/\s+as\s+/));
  const home = publicHome(file, bindings.map(([name]) => name!));
  if (home === undefined) return statement;
  if (home === '') return `import { ${list} } from '@tensorflow/tfjs-core';`;
  const alias = `__tfjs_${home}${++namespaceImports}`;
  const destructure = bindings.map(([name, local]) => (local ? `${name}: ${local}` : name)).join(', ');
  return `import { ${home} as ${alias} } from '@tensorflow/tfjs-core';\nconst { ${destructure} } = ${alias};`;
}

export function tfjsCorePublicImports(): Plugin {
  return {
    name: 'tfjs-core-public-imports',
    setup(build) {
      build.onLoad({ filter: /[\\/]@tensorflow[\\/]tfjs-core[\\/]dist[\\/].*\.js$/ }, ({ path }) => ({
        contents: readFileSync(path, 'utf8').replace(importStatement, (statement, star, list, specifier) =>
          rewriteImport(path, statement, star, list, specifier),
        ),
        loader: 'js',
        resolveDir: dirname(path),
      }));
    },
  };
}
