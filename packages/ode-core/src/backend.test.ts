import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
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
  // A script lives in a temporary folder: it imports the packages from where this one finds them.
  const require = createRequire(import.meta.url);
  const moduleUrl = (path: string) => JSON.stringify(pathToFileURL(path).href);
  /** A script's imports: tfjs-core as tf, `names` from @tfode/kernels' build, and this package's gradient registration. */
  const importsOfScript = (names: string) => `
      import * as tf from ${moduleUrl(require.resolve('@tensorflow/tfjs-core'))};
      import { ${names} } from ${moduleUrl(join(dirname(require.resolve('@tfode/kernels/package.json')), 'dist', 'index.js'))};
      import ${moduleUrl(join(import.meta.dirname, '..', 'dist', 'register-gradients.js'))};`;

  function runScript(body: string) {
    const folder = mkdtempSync(join(tmpdir(), 'tfode-backend-'));
    const script = join(folder, 'script.mts');
    writeFileSync(script, `import { useBestBackend } from ${JSON.stringify(join(import.meta.dirname, 'backend.ts'))};\n${body}\n`);
    const root = join(import.meta.dirname, '..', '..', '..');
    // A process that does not end by itself (threads left holding it open) is killed, and fails its test.
    const run = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: root, encoding: 'utf8', timeout: 120_000 });
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

  it('wasmThreads: 2 starts the threaded build, with the fast kernels, the same values as one thread, and the process ends by itself', () => {
    const body = (threads: number) => `
      import { getThreadsCount } from ${moduleUrl(require.resolve('@tensorflow/tfjs-backend-wasm'))};
      ${importsOfScript('dense, patches3x3')}
      await useBestBackend({ backend: 'wasm', wasmThreads: ${threads} });
      const image = tf.randomNormal([2, 12, 12, 5], 0, 1, 'float32', 1) as tf.Tensor4D;
      const w = tf.variable(tf.randomNormal([45, 40], 0, 0.2, 'float32', 2)) as tf.Variable<tf.Rank.R2>;
      const b = tf.variable(tf.randomNormal([40], 0, 1, 'float32', 3)) as tf.Variable<tf.Rank.R1>;
      const f = () => tf.sum(dense(tf.reshape(patches3x3(image), [288, 45]) as tf.Tensor2D, w, b, 'tanh')) as tf.Scalar;
      const { value, grads } = tf.variableGrads(f, [w, b]);
      await useBestBackend({ backend: 'wasm', wasmThreads: ${threads} }); // the same again is fine
      const other = await useBestBackend({ backend: 'wasm', wasmThreads: ${3 - threads} }).catch((e) => e.message);
      const heap = (tf.backend() as unknown as { wasm: { wasmMemory?: WebAssembly.Memory; asm: { memory?: WebAssembly.Memory } } }).wasm;
      console.log(JSON.stringify({
        threads: getThreadsCount(),
        other,
        shared: (heap.asm.memory ?? heap.wasmMemory)!.buffer instanceof SharedArrayBuffer,
        value: value.dataSync()[0],
        grads: Object.values(grads).map((g) => Array.from(g.dataSync())),
      }));`;
    const [one, two] = [1, 2].map((threads) => runScript(body(threads)));
    expect(two.stderr).toBe('');
    expect([one.status, two.status]).toEqual([0, 0]);
    const [single, threaded] = [one, two].map((run) => JSON.parse(run.stdout));
    expect([single.threads, single.shared, threaded.threads, threaded.shared]).toEqual([1, false, 2, true]);
    expect(single.other).toMatch(/^wasmThreads = 2: the wasm backend has already started single-threaded in this process/);
    expect(threaded.other).toMatch(/^wasmThreads = 1: the wasm backend has already started on 2 threads in this process/);
    expect(threaded.value).toBe(single.value);
    expect(threaded.grads).toEqual(single.grads);
  });

  it('relaxedSimd: true runs the fast kernels on relaxed SIMD (in Node 20 by turning on its V8 flag), to float32 rounding of the fixed-width build', () => {
    const body = (relaxedSimd: boolean) => `
      ${importsOfScript('dense, simdInstructionSet')}
      await useBestBackend({ backend: 'wasm', relaxedSimd: ${relaxedSimd} });
      const x = tf.randomNormal([256, 64], 0, 1, 'float32', 1) as tf.Tensor2D;
      const w = tf.variable(tf.randomNormal([64, 64], 0, 0.2, 'float32', 2)) as tf.Variable<tf.Rank.R2>;
      const b = tf.variable(tf.randomNormal([64], 0, 1, 'float32', 3)) as tf.Variable<tf.Rank.R1>;
      const { value, grads } = tf.variableGrads(() => tf.sum(tf.square(dense(x, w, b, 'tanh'))) as tf.Scalar, [w, b]);
      console.log(JSON.stringify({ simd: simdInstructionSet(), value: value.dataSync()[0], grads: Object.values(grads).map((g) => Array.from(g.dataSync())) }));`;
    const [plain, relaxed] = [false, true].map((relaxedSimd) => runScript(body(relaxedSimd)));
    expect([plain.stderr, relaxed.stderr]).toEqual(['', '']);
    const [fixed, fused] = [plain, relaxed].map((run) => JSON.parse(run.stdout));
    // Node 22+ has relaxed SIMD on by default; Node 20 only once the flag is set
    expect(fixed.simd).toBe(Number(process.versions.node.split('.')[0]) >= 22 ? 'relaxed-simd' : 'simd');
    expect(fused.simd).toBe('relaxed-simd');
    expect(Math.abs(fused.value - fixed.value)).toBeLessThanOrEqual(1e-5 * Math.abs(fixed.value));
    fused.grads.flat().forEach((g: number, i: number) => expect(Math.abs(g - fixed.grads.flat()[i])).toBeLessThanOrEqual(1e-4 * (1 + Math.abs(fixed.grads.flat()[i]))));
  });

  it('relaxedSimd must be true or false', async () => {
    await expect(useBestBackend({ backend: 'wasm', relaxedSimd: 'yes' as unknown as boolean })).rejects.toThrow(/relaxedSimd must be true or false, got yes/);
  });

  it('wasmThreads must be a whole number from 1 to 64, and cannot change once wasm has started', async () => {
    for (const threads of [0, 1.5, 65, Number.NaN]) {
      await expect(useBestBackend({ backend: 'wasm', wasmThreads: threads })).rejects.toThrow(/wasmThreads = .*: give a whole number of threads from 1 to 64/);
    }
    await useBestBackend({ backend: 'wasm' });
    await expect(useBestBackend({ backend: 'wasm', wasmThreads: 2 })).rejects.toThrow(/already started single-threaded in this process/);
    await expect(chooseBackend('browser', { backend: 'wasm', wasmThreads: 2 })).rejects.toThrow(/needs a cross-origin isolated page/);
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

