import { libraryBuild } from '../../tools/tsup.shared';

export default libraryBuild({
  entry: { index: 'src/index.ts', node: 'src/node/index.ts', bin: 'src/node/bin.ts' },
  dts: { entry: { index: 'src/index.ts', node: 'src/node/index.ts' } },
  // One copy of the shared modules (the error classes above all) for every entry, in CJS too.
  splitting: true,
});
