import { packageTestConfig } from '../../tools/vitest.shared.mjs';

export default packageTestConfig(import.meta.dirname);
