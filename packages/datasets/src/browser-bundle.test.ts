// The main entry must bundle for the browser: a Node builtin anywhere behind '@tfode/datasets' fails.
import { join } from 'node:path';
import { describeBrowserEntry } from '../../../tools/browser-bundle';

describeBrowserEntry({
  packageDir: join(__dirname, '..'),
  uses: 'concentricAnnuli and batches',
  snippet:
    "import { batches, concentricAnnuli } from './src/index.ts';\nexport const run = () => batches(concentricAnnuli({ numPoints: 8, seed: 0 }), { batchSize: 4, seed: 0, epoch: 0 });",
  reaches: 'src/annuli.ts',
});
