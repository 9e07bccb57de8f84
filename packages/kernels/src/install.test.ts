import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { installFastKernels, uninstallFastKernels, fastKernelsInstalled } from './install-fast-kernels';
import { dense } from './ops/dense';
import { onBackend } from './test-support';
import { assertSupportedTfjs, UnsupportedTfjsVersionError } from './tfjs-version';

describe('installFastKernels', () => {
  it('replaces the wasm kernels and puts tfjs’s own back on uninstall', async () => {
    await onBackend('wasm', false, async () => {
      const tfjsTanh = tf.getKernel(tf.Tanh, 'wasm')!.kernelFunc;
      await installFastKernels();
      expect(fastKernelsInstalled()).toBe(true);
      expect(tf.getKernel(tf.Tanh, 'wasm')!.kernelFunc).not.toBe(tfjsTanh);
      expect(tf.getKernel('TfodeDense', 'wasm')).toBeDefined();
      uninstallFastKernels();
      expect(fastKernelsInstalled()).toBe(false);
      expect(tf.getKernel(tf.Tanh, 'wasm')!.kernelFunc).toBe(tfjsTanh);
      expect(tf.getKernel('TfodeDense', 'wasm')).toBeUndefined();
    });
  });

  it('leaves other backends on tfjs’s own kernels and gradients', async () => {
    const gradient = () => tf.tidy(() => Array.from(tf.grad((v: tf.Tensor) => tf.sum(tf.tanh(tf.matMul(v, v))))(tf.tensor2d([[0.3, -1], [2, 0.5]])).dataSync()));
    const before = await onBackend('cpu', false, gradient);
    await onBackend('wasm', true, () => undefined);
    await installFastKernels();
    const after = await onBackend('cpu', false, gradient);
    expect(after).toEqual(before);
    expect(tf.getKernel('TfodeDense', 'cpu')).toBeUndefined();
    const onCpu = await onBackend('cpu', false, () => tf.tidy(() => Array.from(dense(tf.tensor2d([[1, 2]]), tf.tensor2d([[0.5], [-1]]), tf.tensor1d([0.25]), 'tanh').dataSync())));
    expect(onCpu[0]).toBeCloseTo(Math.tanh(-1.25), 6);
  });

  it('refuses a tfjs-core release it was not written for', () => {
    expect(() => assertSupportedTfjs('4.23.0')).toThrow(UnsupportedTfjsVersionError);
    expect(() => assertSupportedTfjs('4.22.0')).not.toThrow();
  });

  it('ships the module compiled from simd-kernels.wat (the committed bytes match the source)', () => {
    const output = execFileSync(process.execPath, [join(import.meta.dirname, '..', 'scripts', 'compile-wat.mjs'), '--check'], { encoding: 'utf8' });
    expect(output).toMatch(/matches/);
  });
});
