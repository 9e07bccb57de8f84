import * as tf from '@tensorflow/tfjs-core';
import { installFastKernels } from '@tfode/kernels';

export type BackendName = 'tensorflow' | 'webgpu' | 'wasm' | 'cpu';

/** One way to load a backend: what it needs installed, and how it is brought up before tf.setBackend. */
interface Loader {
  needs: string;
  load(): Promise<void>;
}

// Specifiers through a variable: the optional peers are resolved at run time, never by a bundler.
const importOptional = (specifier: string) => import(/* @vite-ignore */ specifier);

/**
 * WebGPU in Node through Dawn's binding (npm `webgpu`, its binary inside the tarball), only where it finds
 * an adapter; the globals tfjs-backend-webgpu reads (navigator.gpu, GPUBufferUsage…) are set only then.
 */
async function loadNodeWebGpu(): Promise<void> {
  const globals = globalThis as { navigator?: { gpu?: unknown } };
  if (globals.navigator?.gpu === undefined) {
    const dawn = (await importOptional('webgpu')) as { create(flags: string[]): { requestAdapter(): Promise<unknown> }; globals: object };
    const gpu = dawn.create([]);
    if ((await gpu.requestAdapter()) === null) throw new Error('no WebGPU adapter (no GPU, or no Vulkan/Metal/D3D12 driver for it)');
    Object.assign(globalThis, dawn.globals);
    if (globals.navigator === undefined) Object.defineProperty(globalThis, 'navigator', { value: {}, configurable: true, writable: true });
    globals.navigator!.gpu = gpu;
  }
  await importOptional('@tensorflow/tfjs-backend-webgpu');
}

/**
 * tfjs-backend-wasm's Emscripten glue adds process listeners that rethrow any uncaught error from inside its
 * minified source, so Node printed 39 KB of code before the message and exited with code 7. Those listeners
 * are taken off again once the backend is up; Node's own reporting of uncaught errors stays.
 */
async function withoutAddedProcessListeners(start: () => Promise<void>): Promise<void> {
  type Listener = (...args: unknown[]) => void;
  const node = (typeof process === 'undefined' ? undefined : process) as
    | { listeners(event: string): Listener[]; removeListener(event: string, listener: Listener): void }
    | undefined;
  const events = ['uncaughtException', 'unhandledRejection'];
  const before = events.map((event) => new Set(node?.listeners(event) ?? []));
  try {
    await start();
  } finally {
    events.forEach((event, i) => node?.listeners(event).forEach((listener) => before[i].has(listener) || node.removeListener(event, listener)));
  }
}

const candidates: Record<BackendName, Loader[]> = {
  // tfjs-node-gpu first (CUDA), then the CPU build of libtensorflow.
  tensorflow: ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'].map((needs) => ({ needs, load: async () => void (await importOptional(needs)) })),
  webgpu: [{ needs: 'webgpu and @tensorflow/tfjs-backend-webgpu', load: loadNodeWebGpu }],
  wasm: [{ needs: '@tensorflow/tfjs-backend-wasm', load: async () => void (await import('@tensorflow/tfjs-backend-wasm')) }],
  cpu: [{ needs: '@tensorflow/tfjs-backend-cpu', load: async () => void (await import('@tensorflow/tfjs-backend-cpu')) }],
};

export class BackendUnavailableError extends Error {
  override name = 'BackendUnavailableError';
}

async function tryBackend(name: BackendName, fastKernels: boolean): Promise<string | null> {
  const reasons: string[] = [];
  for (const { needs, load } of candidates[name]) {
    try {
      let started = false;
      await withoutAddedProcessListeners(async () => {
        await load();
        started = await tf.setBackend(name);
        if (started) await tf.ready();
      });
      if (started) {
        if (name === 'wasm' && fastKernels) await installFastKernels();
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
}

/**
 * Picks the fastest backend that loads: tensorflow (tfjs-node-gpu, then tfjs-node) → webgpu (npm `webgpu`
 * and tfjs-backend-webgpu installed, and a GPU adapter found) → wasm → cpu. `options.backend` forces one;
 * if it cannot load, this throws and says why, rather than silently running somewhere slower. Returns
 * the backend's name. It reads no environment variable: an app that wants one (our bench reads
 * `TFODE_BACKEND`) passes it as `backend`.
 */
export async function useBestBackend(options: BackendChoice = {}): Promise<BackendName> {
  const { backend: forced, fastKernels = true } = options;
  if (forced) {
    if (!Object.hasOwn(candidates, forced)) {
      throw new BackendUnavailableError(`unknown backend "${forced}": use ${Object.keys(candidates).join(', ')}`);
    }
    const failure = await tryBackend(forced, fastKernels);
    if (failure !== null) {
      const hint =
        forced === 'tensorflow'
          ? ' Install @tensorflow/tfjs-node-gpu or @tensorflow/tfjs-node (both download a native library at install).'
          : '';
      throw new BackendUnavailableError(`backend "${forced}" cannot load: ${failure}.${hint}`);
    }
    return forced;
  }
  for (const name of Object.keys(candidates) as BackendName[]) {
    if ((await tryBackend(name, fastKernels)) === null) return name;
  }
  throw new BackendUnavailableError(`no tfjs backend could load (tried ${Object.keys(candidates).join(', ')})`);
}
