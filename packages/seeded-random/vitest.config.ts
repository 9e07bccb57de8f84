import { packageTestConfig } from '../../tools/vitest.shared';

export default packageTestConfig(__dirname);
