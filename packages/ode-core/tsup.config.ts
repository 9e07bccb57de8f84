import { libraryBuild } from '../../tools/tsup.shared';
import { tfjsCorePublicImports } from './scripts/tfjs-core-public-imports';

export default libraryBuild({
  entry: ['src/index.ts', 'src/internal.ts', 'src/register-gradients.ts'],
  // One copy of the shared modules (the solve-failure errors above all) for index and internal, in CJS too.
  splitting: true,
  // tfjs-core's gradient files are extensionless ESM that Node cannot load: bundle them into this entry,
  // their imports of tfjs-core's engine, tensors and ops pointed at the user's public tfjs-core.
  noExternal: ['@tensorflow/tfjs-core/dist/register_all_gradients'],
  esbuildPlugins: [tfjsCorePublicImports()],
  // import.meta.url (where the wasm threads resolve tfjs-backend-wasm's files) in the .cjs build, from __filename.
  shims: true,
});
