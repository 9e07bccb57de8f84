// The tfjs backends the lab offers, and switching between them.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-backend-webgl';
import '@tensorflow/tfjs-backend-webgpu';
import '@tfode/ode-core/register-gradients';
import { useBestBackend } from '@tfode/ode-core';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { backendNames, type BackendKey } from './url-state';

// Vite serves the binaries in development and copies them (hashed) into the build.
const wasmPaths = { 'tfjs-backend-wasm.wasm': wasmPlain, 'tfjs-backend-wasm-simd.wasm': wasmSimd, 'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded };

/** The backends registered in this browser (webgpu only where navigator.gpu exists). */
export function availableBackends(): BackendKey[] {
  return backendNames.filter((name) => tf.findBackendFactory(name) !== null);
}

/**
 * Makes `name` the active backend through useBestBackend, which installs @tfode/kernels' fast kernels
 * on wasm; throws BackendUnavailableError saying why when it cannot start.
 */
export async function switchBackend(name: BackendKey): Promise<void> {
  await useBestBackend({ backend: name, wasmPaths });
}
