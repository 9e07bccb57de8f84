import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { fastKernelsInstalled, uninstallFastKernels } from '@tfode/kernels';
import { afterEach, describe, expect, it } from 'vitest';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { BackendUnavailableError, chooseBackend, useBestBackend } from './backend';

describe('useBestBackend', () => {
  const original = tf.getBackend();
  const env = process.env.TFODE_BACKEND;
  afterEach(async () => {
    if (env === undefined) delete process.env.TFODE_BACKEND;
    else process.env.TFODE_BACKEND = env;
    await tf.setBackend(original);
  });

  it('options.backend forces one and reports it; TFODE_BACKEND is not read by the library', async () => {
    expect(await useBestBackend({ backend: 'cpu' })).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    process.env.TFODE_BACKEND = 'cpu';
    expect(['tensorflow', 'wasm']).toContain(await useBestBackend());
  });

  it('installs the fast kernels on wasm unless told not to', async () => {
    const wasKernels = fastKernelsInstalled();
    try {
      uninstallFastKernels();
      await useBestBackend({ backend: 'wasm', fastKernels: false });
      expect(fastKernelsInstalled()).toBe(false);
      await useBestBackend({ backend: 'wasm' });
      expect(fastKernelsInstalled()).toBe(true);
    } finally {
      if (!wasKernels) uninstallFastKernels();
    }
  });

  it('without an override, falls through tensorflow (not installed here) to wasm', async () => {
    delete process.env.TFODE_BACKEND;
    const chosen = await useBestBackend();
    expect(chosen).toBe(tf.getBackend());
    expect(['tensorflow', 'wasm']).toContain(chosen);
  });

  it('an asked-for backend that cannot load is an error that says what to install', async () => {
    let tensorflowInstalled = true;
    try {
      await import('@tensorflow/tfjs-node' as string);
    } catch {
      tensorflowInstalled = false;
    }
    if (tensorflowInstalled) return; // nothing to fail on a machine that has it
    await expect(useBestBackend({ backend: 'tensorflow' })).rejects.toThrow(BackendUnavailableError);
    await expect(useBestBackend({ backend: 'tensorflow' })).rejects.toThrow(/Install @tensorflow\/tfjs-node-gpu/);
  });

  it('an unknown backend name is rejected, and so is one of Object.prototype’s names', async () => {
    await expect(useBestBackend({ backend: 'webgl2' as never })).rejects.toThrow(/unknown backend "webgl2": use tensorflow, webgpu, webgl, wasm, cpu/);
    await expect(useBestBackend({ backend: 'toString' as never })).rejects.toThrow(BackendUnavailableError);
  });

  it('webgpu asked for where Dawn’s binding is not installed (or finds no adapter) says what it needs', async () => {
    await expect(useBestBackend({ backend: 'webgpu' })).rejects.toThrow(/backend "webgpu" cannot load: webgpu and @tensorflow\/tfjs-backend-webgpu: /);
  });

  /** Runs `body` (after an import of useBestBackend) as its own Node process: the wasm backend starts once per process. */
  function runScript(body: string) {
    const folder = mkdtempSync(join(tmpdir(), 'tfode-backend-'));
    const script = join(folder, 'script.mts');
    writeFileSync(script, `import { useBestBackend } from ${JSON.stringify(join(import.meta.dirname, 'backend.ts'))};\n${body}\n`);
    const root = join(import.meta.dirname, '..', '..', '..');
    const run = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: root, encoding: 'utf8' });
    rmSync(folder, { recursive: true, force: true });
    return run;
  }

  it('an uncaught error after picking wasm is reported by Node as usual, not from inside the wasm glue', () => {
    const run = runScript("await useBestBackend({ backend: 'wasm' });\nthrow new Error('boom from the user');");
    expect(run.status).toBe(1); // Node's code for an uncaught exception (the wasm glue's listener exited with 7)
    expect(run.stderr).toContain('boom from the user');
    expect(run.stderr.length).toBeLessThan(4000);
  });

  it('wasmPaths tells the wasm backend where its binaries are; a wrong folder is an error that names the option', () => {
    const binaries = join(dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm')), '/');
    const report = "try { console.log(await useBestBackend({ backend: 'wasm', wasmPaths: process.argv[2] })); } catch (e) { console.log(e.name + ': ' + e.message); }";
    const found = runScript(report.replace('process.argv[2]', JSON.stringify(binaries)));
    expect(found.stdout.trim()).toBe('wasm');
    const missing = runScript(report.replace('process.argv[2]', JSON.stringify(join(tmpdir(), 'no-such-folder-for-wasm', '/'))));
    expect(missing.stdout).toMatch(/^BackendUnavailableError: backend "wasm" cannot load: .*pass their folder as wasmPaths/);
  });

  it('webgl is a browser backend: asked for in Node it says so', async () => {
    await expect(useBestBackend({ backend: 'webgl' })).rejects.toThrow(/backend "webgl" cannot load: @tensorflow\/tfjs-backend-webgl: runs only in a browser/);
  });
});

describe('useBestBackend in a page (chooseBackend for the browser runtime)', () => {
  const original = tf.getBackend();
  afterEach(async () => {
    await tf.setBackend(original);
  });

  it('with no GPU backend registered by the app, falls through webgpu and webgl to wasm', async () => {
    expect(await chooseBackend('browser')).toBe('wasm');
  });

  it('takes webgl once the app registered it (webgpu first needs navigator.gpu)', async () => {
    // A stand-in registered under the name the real tfjs-backend-webgl registers.
    tf.registerBackend('webgl', () => new MathBackendCPU());
    try {
      expect(await chooseBackend('browser', { fastKernels: false })).toBe('webgl');
      expect(tf.getBackend()).toBe('webgl');
    } finally {
      await tf.setBackend(original);
      tf.removeBackend('webgl');
    }
  });

  it('says why an asked-for backend cannot load there', async () => {
    await expect(chooseBackend('browser', { backend: 'webgl' })).rejects.toThrow(/import '@tensorflow\/tfjs-backend-webgl' in the app/);
    await expect(chooseBackend('browser', { backend: 'webgpu' })).rejects.toThrow(/no navigator\.gpu/);
    await expect(chooseBackend('browser', { backend: 'tensorflow' })).rejects.toThrow(/runs only in Node/);
  });
});

