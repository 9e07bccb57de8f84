import * as tf from '@tensorflow/tfjs-core';
import '@tfode/ode-core/register-gradients';
import { useBestBackend, type BackendName } from '@tfode/ode-core';

/**
 * Loads tfjs as a user would: tfjs-core, its gradients (ode-core's Node-loadable entry), then
 * `backend` if given, else the best that loads (tensorflow → wasm → cpu; TFODE_BACKEND overrides).
 * Returns the backend's name and the tfjs version.
 */
export async function setUpTfjs(backend?: BackendName): Promise<{ backend: BackendName; tfjsVersion: string }> {
  const chosen = await useBestBackend({ backend });
  return { backend: chosen, tfjsVersion: tf.version_core };
}
