import { libraryBuild } from '../../tools/tsup.shared';

export default libraryBuild({
  entry: { index: 'src/index.ts', node: 'src/node/index.ts' },
  // One copy of the shared modules (Module, WeightFileError above all) for both entries, in CJS too.
  splitting: true,
});
