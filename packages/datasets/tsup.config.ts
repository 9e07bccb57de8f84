import { libraryBuild } from '../../tools/tsup.shared';

// shims: import.meta.url (used to find the mnist package's files) in the CJS build.
export default libraryBuild({ shims: true });
