// Every package's CommonJS build loads under require() and starts a solve, as a CJS app would use it:
// a .cjs that only type-checks can still fail at load (ESM-only syntax left in it by the build).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { publishedPackages, workspaceRoot } from './packed-packages';

describe('the CommonJS builds', () => {
  for (const { folder, manifest } of publishedPackages()) {
    it(`${manifest.name}: require() of its main entry loads`, () => {
      const main = join(workspaceRoot, 'packages', folder, manifest.main as string);
      const run = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(main)})`], { encoding: 'utf8', timeout: 60_000 });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
    });
  }

  it('@tfode/ode-core from CJS picks wasm on 2 threads and solves', () => {
    const main = join(workspaceRoot, 'packages', 'ode-core', 'dist', 'index.cjs');
    const script = `
      const tf = require('@tensorflow/tfjs-core');
      const { odeint, useBestBackend } = require(${JSON.stringify(main)});
      useBestBackend({ backend: 'wasm', wasmThreads: 2 }).then(() => {
        const { ys } = odeint((t, y) => tf.neg(y), tf.tensor2d([[1]]), [0, 1], { method: 'rk4', stepSize: 0.01 });
        console.log('y(1) = ' + ys.dataSync()[1].toFixed(6));
      });`;
    const run = spawnSync(process.execPath, ['-e', script], { cwd: join(workspaceRoot, 'packages', 'ode-core'), encoding: 'utf8', timeout: 60_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`y(1) = ${Math.exp(-1).toFixed(6)}`); // rk4 at h = 0.01 is exact to 1e-10 here
  });
});
