import { libraryBuild } from '../../tools/tsup.shared';

export default libraryBuild({ entry: ['src/index.ts', 'src/bin.ts'], dts: { entry: 'src/index.ts' } });
