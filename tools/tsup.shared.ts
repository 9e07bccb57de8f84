import { defineConfig, type Options } from 'tsup';

/** The library build every package uses: ESM + CJS + .d.ts from src/index.ts (plus any extra options). */
export function libraryBuild(extra: Options = {}) {
  return defineConfig({
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    sourcemap: true,
    target: 'es2022',
    ...extra,
  });
}
