import * as tf from '@tensorflow/tfjs-core';
import '@tfode/ode-core/register-gradients';
import { simdInstructionSet, type SimdInstructionSet } from '@tfode/kernels';
import { useBestBackend, type BackendName } from '@tfode/ode-core';

/**
 * Loads tfjs as a user would: tfjs-core, its gradients (ode-core's Node-loadable entry), then
 * `backend` if given, else TFODE_BACKEND if set, else the best that loads (tensorflow → webgpu → wasm → cpu),
 * wasm on `wasmThreads` threads if given, with @tfode/kernels' fast kernels unless `fastKernels` is false,
 * on relaxed SIMD unless `relaxedSimd` is false. Returns the backend's name, the tfjs version and, on
 * wasm with the fast kernels, the SIMD build they run.
 */
export async function setUpTfjs(
  backend?: BackendName,
  wasmThreads?: number,
  relaxedSimd = true,
  fastKernels = true,
): Promise<{ backend: BackendName; tfjsVersion: string; simd?: SimdInstructionSet }> {
  const chosen = await useBestBackend({ backend: backend ?? (process.env.TFODE_BACKEND as BackendName | undefined), wasmThreads, relaxedSimd, fastKernels });
  return { backend: chosen, tfjsVersion: tf.version_core, ...(chosen === 'wasm' && fastKernels ? { simd: simdInstructionSet() } : {}) };
}
