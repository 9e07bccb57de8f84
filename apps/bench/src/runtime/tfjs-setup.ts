import * as tf from '@tensorflow/tfjs-core';
import '@tfode/ode-core/register-gradients';
import { useBestBackend, type BackendName } from '@tfode/ode-core';

/**
 * Loads tfjs as a user would: tfjs-core, its gradients (ode-core's Node-loadable entry), then
 * `backend` if given, else TFODE_BACKEND if set, else the best that loads (tensorflow → webgpu → wasm → cpu),
 * wasm on `wasmThreads` threads if given. Returns the backend's name and the tfjs version.
 */
export async function setUpTfjs(backend?: BackendName, wasmThreads?: number): Promise<{ backend: BackendName; tfjsVersion: string }> {
  const chosen = await useBestBackend({ backend: backend ?? (process.env.TFODE_BACKEND as BackendName | undefined), wasmThreads });
  return { backend: chosen, tfjsVersion: tf.version_core };
}
