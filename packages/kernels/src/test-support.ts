import * as tf from '@tensorflow/tfjs-core';
import { installFastKernels, uninstallFastKernels } from './install-fast-kernels';

/** Runs `fn` on `backend` (with the fast kernels installed or not), then returns to the test's backend. */
export async function onBackend<T>(backend: 'cpu' | 'wasm', fast: boolean, fn: () => T): Promise<T> {
  const original = tf.getBackend();
  await tf.setBackend(backend);
  const wasInstalled = (await import('./install-fast-kernels')).fastKernelsInstalled();
  if (backend === 'wasm') {
    if (fast) await installFastKernels();
    else uninstallFastKernels();
  }
  try {
    return fn();
  } finally {
    if (backend === 'wasm') {
      if (wasInstalled) await installFastKernels();
      else uninstallFastKernels();
    }
    await tf.setBackend(original);
  }
}

/** Distance of `got` from the float32 `reference` in units in the last place of the reference. */
export function ulpDistance(got: number, reference: number): number {
  if (Object.is(got, reference)) return 0;
  const magnitude = Math.abs(reference);
  const ulp = magnitude < 2 ** -126 ? 2 ** -149 : 2 ** (Math.floor(Math.log2(magnitude)) - 23);
  return Math.abs(got - reference) / ulp;
}
