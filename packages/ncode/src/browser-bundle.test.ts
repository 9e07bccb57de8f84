// The main entry must bundle for the browser: a Node builtin anywhere behind '@tfode/ncode' fails.
import { join } from 'node:path';
import { describeBrowserEntry } from '../../../tools/browser-bundle';

describeBrowserEntry({
  packageDir: join(__dirname, '..'),
  uses: 'neuralODE and serializeWeights',
  snippet:
    "import { neuralODE, serializeWeights } from './src/index.ts';\nexport const run = () => serializeWeights(neuralODE({ dims: 2, seed: 0 }));",
  reaches: 'src/neural-ode.ts',
});
