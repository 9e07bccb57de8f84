import { defineConfig, type Options } from 'tsup';

// ESM only: vega and vega-lite ship only ESM, and this is an application, not a library.
const shared: Options = { format: ['esm'], sourcemap: true, target: 'es2022' };

export default defineConfig([
  { ...shared, entry: { index: 'src/index.ts' }, dts: true, clean: true },
  { ...shared, entry: { cli: 'src/cli/main.ts' }, banner: { js: '#!/usr/bin/env node' } },
]);
