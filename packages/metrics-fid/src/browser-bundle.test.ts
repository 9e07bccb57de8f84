// The main entry must bundle for the browser: a Node builtin anywhere behind '@tfode/metrics-fid' fails.
import { join } from 'node:path';
import { describeBrowserEntry } from '../../../tools/browser-bundle';

describeBrowserEntry({
  packageDir: join(__dirname, '..'),
  uses: 'frechetDistance',
  snippet:
    "import { frechetDistance } from './src/index.ts';\nconst one = { dim: 1, mean: Float64Array.of(0), covariance: Float64Array.of(1) };\nexport const run = () => frechetDistance(one, one);",
  reaches: 'src/frechet-distance.ts',
});
