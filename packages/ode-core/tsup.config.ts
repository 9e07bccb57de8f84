import { libraryBuild } from '../../tools/tsup.shared';

export default libraryBuild({
  entry: ['src/index.ts', 'src/internal.ts', 'src/register-gradients.ts'],
  // One copy of the shared modules (the solve-failure errors above all) for index and internal, in CJS too.
  splitting: true,
  // tfjs-core's gradient files are extensionless ESM that Node cannot load: bundle them into this
  // entry. They register into tfjs's global registry and engine, shared with the user's tfjs-core.
  noExternal: ['@tensorflow/tfjs-core/dist/register_all_gradients'],
});
