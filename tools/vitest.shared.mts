import { fileURLToPath } from 'node:url';
import { basename, dirname, join } from 'node:path';
import { defineConfig } from 'vitest/config';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The vitest config every package uses: shared tfjs setup, and a JSON report the root totals. */
export function packageTestConfig(packageDir: string) {
  const name = basename(packageDir);
  return defineConfig({
    test: {
      include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
      setupFiles: [join(root, 'tools/tfjs-test-setup.ts')],
      testTimeout: 120_000,
      hookTimeout: 120_000,
      pool: 'forks',
      maxWorkers: 2,
      reporters: ['default', 'json'],
      outputFile: { json: join(root, 'reports/tests', `${name}.json`) },
    },
  });
}
