import { libraryBuild } from '../../tools/tsup.shared';

export default libraryBuild();
