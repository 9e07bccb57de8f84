import * as tf from '@tensorflow/tfjs-core';
import { enableRelaxedSimd, installFastKernels } from '@tfode/kernels';
import { automaticOrder, currentRuntime, loaders, nodeProcess, type BackendName, type Runtime, type WasmPaths } from './backend-loaders';
import { InvalidArgumentError } from './errors';
import { withWasmThreadsInNode } from './wasm-threads-node';

export type { BackendName, Runtime, WasmPaths } from './backend-loaders';

/**
 * tfjs-backend-wasm's Emscripten glue adds process listeners that rethrow any uncaught error from inside its
 * minified source, so Node printed 39 KB of code before the message and exited with code 7. Those listeners
 * are taken off again once the backend is up; Node's own reporting of uncaught errors stays.
 */
async function withoutAddedProcessListeners(start: () => Promise<void>): Promise<void> {
  const node = nodeProcess();
  const events = ['uncaughtException', 'unhandledRejection'];
  const before = events.map((event) => new Set(node?.listeners(event) ?? []));
  try {
    await start();
  } finally {
    events.forEach((event, i) => node?.listeners(event).forEach((listener) => before[i].has(listener) || node.removeListener(event, listener)));
  }
}

export class BackendUnavailableError extends Error {
  override name = 'BackendUnavailableError';
}

async function tryBackend(runtime: Runtime, name: BackendName, choice: Required<Pick<BackendChoice, 'fastKernels'>> & BackendChoice): Promise<string | null> {
  const reasons: string[] = [];
  for (const { needs, load } of loaders[runtime][name]) {
    try {
      let started = false;
      const threads = name === 'wasm' ? (choice.wasmThreads ?? 1) : 1;
      const setBackend = async () => {
        started = await tf.setBackend(name);
        if (started) await tf.ready();
      };
      await withoutAddedProcessListeners(async () => {
        await load({ wasmPaths: choice.wasmPaths, wasmThreads: threads });
        await (threads > 1 && runtime === 'node' ? withWasmThreadsInNode(threads, setBackend) : setBackend());
      });
      if (started) {
        if (name === 'wasm' && choice.fastKernels) {
          if (choice.relaxedSimd === true) await enableRelaxedSimd();
          await installFastKernels();
        }
        return null;
      }
      reasons.push(`${needs} loaded but tf.setBackend('${name}') failed`);
    } catch (error) {
      reasons.push(`${needs}: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  return reasons.join('; ');
}

/** What useBestBackend may choose, and what it installs with the backend. */
export interface BackendChoice {
  /** Use this backend or throw BackendUnavailableError saying why it cannot load; default: the fastest that loads. */
  backend?: BackendName;
  /**
   * On wasm, install @tfode/kernels' fast kernels (installFastKernels: SIMD tanh, fused dense layers and
   * their gradients, block copies); default true. They stay installed until uninstallFastKernels().
   */
  fastKernels?: boolean;
  /**
   * Where the wasm backend fetches its .wasm files, passed to tfjs-backend-wasm's setWasmPaths before the
   * backend starts: needed in a bundled page, where the files are served from the app's own folder
   * (for example `'/'` after copying `@tensorflow/tfjs-backend-wasm/dist/*.wasm` there). Node needs none.
   */
  wasmPaths?: WasmPaths;
  /**
   * Threads for the wasm backend's matMul and convolutions (XNNPACK); default 1. More than 1 starts
   * tfjs-backend-wasm's threaded build: in Node through worker_threads (which tfjs leaves off), in a page
   * only where it is cross-origin isolated. Worth it for large matMuls (a conv field's im2col product,
   * 12544×333 by 333×37: 11 → 6.4 ms on 2 threads here); slower for small ones (256×64 by 64×64:
   * 70 → 110 µs), where waking the threads costs more than it saves. Fixed once wasm has started.
   */
  wasmThreads?: number;
  /**
   * On wasm with the fast kernels, turn on relaxed SIMD where the engine has it behind a flag (Node 20:
   * @tfode/kernels' enableRelaxedSimd sets V8's --experimental-wasm-relaxed-simd at run time), so that
   * the kernels' products run as fused multiply–adds: the rk4 train-step 1.1× faster here. Default
   * false. Engines with relaxed SIMD on (Node 22+, Chrome 114+) use it either way.
   */
  relaxedSimd?: boolean;
}

/** Throws InvalidArgumentError unless `threads` is a whole number of threads the backend can still be given. */
async function checkWasmThreads(threads: number | undefined, runtime: Runtime): Promise<void> {
  if (threads === undefined) return;
  if (!Number.isInteger(threads) || threads < 1 || threads > 64) {
    throw new InvalidArgumentError(`wasmThreads = ${threads}: give a whole number of threads from 1 to 64`);
  }
  if (threads > 1 && runtime === 'browser' && (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated !== true) {
    throw new InvalidArgumentError(`wasmThreads = ${threads} needs a cross-origin isolated page (SharedArrayBuffer), and this page is not`);
  }
  // Whether wasm has started: tf.findBackend would start a registered backend itself, single-threaded.
  if (!('wasm' in tf.engine().registry)) return;
  const running = (await import('@tensorflow/tfjs-backend-wasm')).getThreadsCount();
  if (running !== threads) {
    throw new InvalidArgumentError(
      `wasmThreads = ${threads}: the wasm backend has already started ${running === 1 ? 'single-threaded' : `on ${running} threads`} in this process, and cannot be restarted another way`,
    );
  }
}

const hints: Partial<Record<BackendName, string>> = {
  tensorflow: ' Install @tensorflow/tfjs-node-gpu or @tensorflow/tfjs-node (both download a native library at install).',
  wasm: ' Its .wasm files must be where wasmPaths (or, without it, the script) says: in a bundled page, serve @tensorflow/tfjs-backend-wasm/dist/*.wasm and pass their folder as wasmPaths.',
};

/** useBestBackend for a given runtime: the order and the loaders of that runtime (tested for both). */
export async function chooseBackend(runtime: Runtime, options: BackendChoice = {}): Promise<BackendName> {
  await checkWasmThreads(options.wasmThreads, runtime);
  if (options.relaxedSimd !== undefined && typeof options.relaxedSimd !== 'boolean') {
    throw new InvalidArgumentError(`relaxedSimd must be true or false, got ${String(options.relaxedSimd)}`);
  }
  const choice = { ...options, fastKernels: options.fastKernels ?? true };
  const forced = options.backend;
  const known = Object.keys(loaders[runtime]);
  if (forced !== undefined) {
    if (!Object.hasOwn(loaders[runtime], forced)) {
      throw new BackendUnavailableError(`unknown backend "${forced}": use ${known.join(', ')}`);
    }
    const failure = await tryBackend(runtime, forced, choice);
    if (failure !== null) throw new BackendUnavailableError(`backend "${forced}" cannot load: ${failure}.${hints[forced] ?? ''}`);
    return forced;
  }
  const reasons: string[] = [];
  for (const name of automaticOrder[runtime]) {
    const failure = await tryBackend(runtime, name, choice);
    if (failure === null) return name;
    reasons.push(`${name}: ${failure}`);
  }
  throw new BackendUnavailableError(`no tfjs backend could load (${reasons.join('; ')})`);
}

/**
 * Picks the fastest backend that loads and returns its name. In Node: tensorflow (tfjs-node-gpu, then
 * tfjs-node) → webgpu (npm `webgpu` and tfjs-backend-webgpu installed, and a GPU adapter found) → wasm →
 * cpu. In a page: webgpu (navigator.gpu with an adapter, and the app imported tfjs-backend-webgpu) →
 * webgl (the app imported tfjs-backend-webgl) → wasm → cpu. `options.backend` forces one; if it cannot
 * load, this throws and says why, rather than silently running somewhere slower. It reads no environment
 * variable: an app that wants one (our bench reads `TFODE_BACKEND`) passes it as `backend`.
 */
export function useBestBackend(options: BackendChoice = {}): Promise<BackendName> {
  return chooseBackend(currentRuntime(), options);
}
