import { libraryBuild } from '../../tools/tsup.shared';

export default libraryBuild({
  entry: ['src/index.ts', 'src/register-gradients.ts'],
  // tfjs-core's gradient files are extensionless ESM that Node cannot load: bundle them into this
  // entry. They register into tfjs's global registry and engine, shared with the user's tfjs-core.
  noExternal: ['@tensorflow/tfjs-core/dist/register_all_gradients'],
});
