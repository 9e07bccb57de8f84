import * as tf from '@tensorflow/tfjs-core';

/**
 * tfjs-backend-wasm 4.22's threaded build (XNNPACK on a pthread pool) in Node, where tfjs leaves it off
 * (tensorflow/tfjs#3830): its Emscripten glue can run in Node's worker_threads, but tfjs hands the workers
 * their scripts as Blob URLs, which Node's workers cannot load. Here each gets a file instead, for the
 * duration of tf.setBackend('wasm'):
 *
 * - `URL.createObjectURL` returns the path of a temporary copy of the worker script (tfjs creates it from
 *   a Blob of the same text), which first points the worker's `load` message at the threaded build's
 *   script file instead of at a Blob of it;
 * - `os.cpus()` reports at least 2 × `threads` cores, since the build caps its pool at half the cores.
 *
 * Afterwards the workers are unref'd, so that they never keep a finished process alive.
 */

/** The glue of the threaded build, as far as this patch reaches into it. */
interface ThreadedGlue {
  PThread?: { unusedWorkers: { unref(): void }[]; runningWorkers: { unref(): void }[] };
}

/** The Node built-ins used here (no @types/node in the published types). */
interface NodeBuiltins {
  fs: { mkdtempSync(prefix: string): string; rmSync(path: string, options: object): void; writeFileSync(path: string, text: string): void };
  os: { tmpdir(): string; cpus(): unknown[] };
  path: { join(...parts: string[]): string; dirname(path: string): string };
}

/**
 * Node's CommonJS `require` for this file: `os` must be the module object the glue's `require("os")`
 * sees, which an ESM namespace is not. Through a variable specifier, so a page's bundler never meets it.
 */
type NodeRequire = ((id: string) => unknown) & { resolve(id: string): string };
async function nodeRequire(): Promise<NodeRequire> {
  const module = (await import(/* @vite-ignore */ ['node', 'module'].join(':'))) as { createRequire(from: string): NodeRequire };
  return module.createRequire(import.meta.url); // the .cjs build gets a shim for it (tsup `shims`)
}

/** Runs `start` (which starts the wasm backend) with the threaded build on `threads` threads. */
export async function withWasmThreadsInNode(threads: number, start: () => Promise<void>): Promise<void> {
  const require = await nodeRequire();
  const { fs, os, path } = { fs: require('node:fs'), os: require('node:os'), path: require('node:path') } as NodeBuiltins;
  const packageFolder = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'));
  const threadedScript = path.join(packageFolder, 'wasm-out', 'tfjs-backend-wasm-threaded-simd.js');
  const { wasmWorkerContents } = require(path.join(packageFolder, 'wasm-out', 'tfjs-backend-wasm-threaded-simd.worker.js')) as { wasmWorkerContents: string };
  const folder: string = fs.mkdtempSync(path.join(os.tmpdir(), 'tfode-wasm-threads-'));
  const process = globalThis.process as unknown as { once(event: 'exit', listener: () => void): void };
  process.once('exit', () => fs.rmSync(folder, { recursive: true, force: true }));
  const workerScript = path.join(folder, 'worker.js');
  const redirect = `require('worker_threads').parentPort.on('message', (data) => { if (data && data.cmd === 'load') data.urlOrBlob = ${JSON.stringify(threadedScript)}; });\n`;
  // The same text tfjs puts in its Blob (it escapes the newlines inside the worker's string literals).
  fs.writeFileSync(workerScript, redirect + wasmWorkerContents.replace(/\n/g, '\\n'));

  // (The wasm loader has already given tfjs-backend-wasm the thread count.)
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', true);
  const [createObjectURL, cpus] = [URL.createObjectURL, os.cpus];
  URL.createObjectURL = () => workerScript;
  os.cpus = () => Array.from({ length: Math.max(2 * threads, cpus().length) }, () => cpus()[0]);
  try {
    await start();
  } finally {
    [URL.createObjectURL, os.cpus] = [createObjectURL, cpus];
  }
  const glue = (tf.findBackend('wasm') as unknown as { wasm?: ThreadedGlue } | null)?.wasm;
  for (const worker of [...(glue?.PThread?.unusedWorkers ?? []), ...(glue?.PThread?.runningWorkers ?? [])]) worker.unref();
}
