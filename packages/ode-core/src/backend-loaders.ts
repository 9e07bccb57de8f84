import * as tf from '@tensorflow/tfjs-core';

export type BackendName = 'tensorflow' | 'webgpu' | 'webgl' | 'wasm' | 'cpu';

/** Where this code runs: Node (process.versions.node) or a browser-like page (anything else). */
export type Runtime = 'node' | 'browser';

/** Where tfjs-backend-wasm fetches its .wasm binaries: a folder URL, or one URL per binary (its setWasmPaths). */
export type WasmPaths = string | Record<'tfjs-backend-wasm.wasm' | 'tfjs-backend-wasm-simd.wasm' | 'tfjs-backend-wasm-threaded-simd.wasm', string>;

/** What a loader is told about the wasm backend's start. */
export interface WasmStart {
  wasmPaths?: WasmPaths;
  /** More than 1: tfjs-backend-wasm's threaded build on this many threads. */
  wasmThreads?: number;
}

/** One way to load a backend: what it needs installed, and how it is brought up before tf.setBackend. */
export interface Loader {
  needs: string;
  load(start?: WasmStart): Promise<void>;
}

/** The part of Node's `process` used here (no @types/node in the published types). */
export interface NodeProcess {
  versions: { node?: string };
  listeners(event: string): Array<(...args: unknown[]) => void>;
  removeListener(event: string, listener: (...args: unknown[]) => void): void;
}

/** Reads `globalThis.process` as a property, so a page with no `process` never meets a ReferenceError. */
export function nodeProcess(): NodeProcess | undefined {
  const candidate = (globalThis as { process?: NodeProcess }).process;
  return typeof candidate?.versions?.node === 'string' ? candidate : undefined;
}

export function currentRuntime(): Runtime {
  return nodeProcess() === undefined ? 'browser' : 'node';
}

// Specifiers through a variable: the optional peers are resolved at run time in Node, never by a bundler.
const importOptional = (specifier: string) => import(/* @vite-ignore */ specifier);

/**
 * An optional backend in a page: a bundler only ships what the app imports, so the app imports the
 * backend package (`import '@tensorflow/tfjs-backend-webgl'`) and this finds it registered.
 */
function registeredInPage(name: BackendName, specifier: string): Loader {
  return {
    needs: specifier,
    load: async () => {
      if (tf.findBackendFactory(name) === null) {
        throw new Error(`not registered: import '${specifier}' in the app before choosing the backend (a bundler cannot see an optional import)`);
      }
    },
  };
}

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

/** In a page, WebGPU needs the browser's navigator.gpu and an adapter, then the app's tfjs-backend-webgpu. */
async function loadPageWebGpu(): Promise<void> {
  const gpu = (globalThis as { navigator?: { gpu?: { requestAdapter(): Promise<unknown> } } }).navigator?.gpu;
  if (gpu === undefined) throw new Error('this browser has no navigator.gpu (WebGPU is off or unsupported)');
  if ((await gpu.requestAdapter()) === null) throw new Error('navigator.gpu found no adapter');
  await registeredInPage('webgpu', '@tensorflow/tfjs-backend-webgpu').load();
}

const wasm: Loader = {
  needs: '@tensorflow/tfjs-backend-wasm',
  load: async (start) => {
    const backend = await import('@tensorflow/tfjs-backend-wasm');
    if (start?.wasmPaths !== undefined) backend.setWasmPaths(start.wasmPaths);
    // In a page, tfjs runs the threaded build by itself where the page is cross-origin isolated.
    if ((start?.wasmThreads ?? 1) > 1) backend.setThreadsCount(start!.wasmThreads!);
  },
};
const cpu: Loader = { needs: '@tensorflow/tfjs-backend-cpu', load: async () => void (await import('@tensorflow/tfjs-backend-cpu')) };
const onlyIn = (runtime: Runtime, needs: string): Loader => ({
  needs,
  load: async () => {
    throw new Error(`runs only in ${runtime === 'node' ? 'Node' : 'a browser'}`);
  },
});

/** How each backend loads in each runtime. */
export const loaders: Record<Runtime, Record<BackendName, Loader[]>> = {
  node: {
    // tfjs-node-gpu first (CUDA), then the CPU build of libtensorflow.
    tensorflow: ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'].map((needs) => ({ needs, load: async () => void (await importOptional(needs)) })),
    webgpu: [{ needs: 'webgpu and @tensorflow/tfjs-backend-webgpu', load: loadNodeWebGpu }],
    webgl: [onlyIn('browser', '@tensorflow/tfjs-backend-webgl')],
    wasm: [wasm],
    cpu: [cpu],
  },
  browser: {
    tensorflow: [onlyIn('node', '@tensorflow/tfjs-node')],
    webgpu: [{ needs: '@tensorflow/tfjs-backend-webgpu', load: loadPageWebGpu }],
    webgl: [registeredInPage('webgl', '@tensorflow/tfjs-backend-webgl')],
    wasm: [wasm],
    cpu: [cpu],
  },
};

/** The backends useBestBackend tries when none is asked for, fastest first. */
export const automaticOrder: Record<Runtime, readonly BackendName[]> = {
  node: ['tensorflow', 'webgpu', 'wasm', 'cpu'],
  browser: ['webgpu', 'webgl', 'wasm', 'cpu'],
};
