import * as tf from '@tensorflow/tfjs-core';
import { expect } from 'vitest';
import { fastKernelsInstalled, installFastKernels, uninstallFastKernels } from './install-fast-kernels';
import { turnOnRelaxedSimdFlag } from './wasm/relaxed-simd-flag';
import { compileSimdKernels, simdInstructionSet, type SimdInstructionSet } from './wasm/simd-kernels';

/** Runs `fn` (sync or async) on `backend`, with the fast kernels installed or not, then puts the test's backend and kernels back. */
export async function onBackend<T>(backend: 'cpu' | 'wasm', fast: boolean, fn: () => T | Promise<T>): Promise<T> {
  const original = tf.getBackend();
  await tf.setBackend(backend);
  const wasInstalled = fastKernelsInstalled();
  if (backend === 'wasm') {
    if (fast) await installFastKernels();
    else uninstallFastKernels();
  }
  try {
    return await fn();
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

/** Runs fn while counting the calls of one kernel of the active backend, then puts the kernel back. */
export function countingCalls<T>(kernelName: string, fn: () => T): { result: T; calls: number } {
  const backendName = tf.getBackend();
  const config = tf.getKernel(kernelName, backendName)!;
  let calls = 0;
  tf.unregisterKernel(kernelName, backendName);
  tf.registerKernel({ ...config, setupFunc: undefined, kernelFunc: (args) => (calls++, config.kernelFunc(args)) });
  try {
    return { result: fn(), calls };
  } finally {
    tf.unregisterKernel(kernelName, backendName);
    tf.registerKernel({ ...config, setupFunc: undefined });
  }
}

/** Runs fn and expects it to leave as many tensors and data buffers as it found. */
export function expectNothingLeft(fn: () => unknown): void {
  const start = tf.memory();
  fn();
  expect(tf.memory().numTensors).toBe(start.numTensors);
  expect(tf.memory().numDataBuffers).toBe(start.numDataBuffers);
}

/** The SIMD builds of the kernels this engine runs: fixed-width, and relaxed SIMD where it has it (in Node 20 once its flag is on). */
export const simdBuilds: SimdInstructionSet[] = turnOnRelaxedSimdFlag() ? ['simd', 'relaxed-simd'] : ['simd'];

/** Runs `fn` with the fast kernels compiled as `build`, then compiles the build that was there before. */
export async function onSimdBuild<T>(build: SimdInstructionSet, fn: () => T | Promise<T>): Promise<T> {
  const before = simdInstructionSet();
  await compileSimdKernels(build);
  try {
    return await fn();
  } finally {
    if (before !== undefined) await compileSimdKernels(before);
  }
}
