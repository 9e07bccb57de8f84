import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { patches3x3 } from './ops/patches3x3';
import { onBackend } from './test-support';

const shapes = [[1, 1, 1, 1], [2, 2, 3, 3], [3, 5, 4, 4], [1, 6, 7, 5], [2, 4, 4, 8]];

/** Patches and their gradient under a weighting c, with small-integer data so every sum is exact. */
function patchesAndGradient(shape: number[]) {
  return tf.tidy(() => {
    const size = tf.util.sizeFromShape(shape);
    const x = tf.tensor4d(Float32Array.from({ length: size }, (_, i) => (i % 7) - 3), shape as [number, number, number, number]);
    const c = tf.tensor4d(Float32Array.from({ length: 9 * size }, (_, i) => (i % 5) - 2), [shape[0], shape[1], shape[2], 9 * shape[3]]);
    const gradient = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(c, patches3x3(v as tf.Tensor4D))))(x);
    return { patches: patches3x3(x).arraySync(), gradient: gradient.arraySync(), c: c.dataSync() as Float32Array };
  });
}

/** ∂/∂x of Σ c ⊙ patches(x), summed window by window on the host (col2im by definition). */
function hostGradient([batch, height, width, channels]: number[], c: Float32Array): number[][][][] {
  return Array.from({ length: batch }, (_, b) =>
    Array.from({ length: height }, (_, i) =>
      Array.from({ length: width }, (_, j) =>
        Array.from({ length: channels }, (_, k) => {
          let sum = 0;
          for (let dy = 0; dy < 3; dy++) {
            for (let dx = 0; dx < 3; dx++) {
              const [pi, pj] = [i - dy + 1, j - dx + 1]; // the output pixel whose window (dy, dx) reads (i, j)
              if (pi >= 0 && pi < height && pj >= 0 && pj < width) sum += c[(((b * height + pi) * width + pj) * 9 + dy * 3 + dx) * channels + k];
            }
          }
          return sum;
        }),
      ),
    ),
  );
}

describe('3×3 patches (im2col) on wasm', () => {
  it('equal the pad-slice-concat patches and have the col2im gradient, for every shape edge', async () => {
    for (const shape of shapes) {
      const fast = await onBackend('wasm', true, () => patchesAndGradient(shape));
      const composite = await onBackend('cpu', false, () => patchesAndGradient(shape));
      expect(fast.patches).toEqual(composite.patches);
      expect(fast.gradient).toEqual(composite.gradient);
      expect(fast.gradient).toEqual(hostGradient(shape, fast.c));
    }
  });

  it('runs as one kernel each way', async () => {
    const names = await onBackend('wasm', true, async () => {
      const x = tf.ones([2, 3, 3, 2]) as tf.Tensor4D;
      const { kernelNames, result } = await tf.profile(() => tf.grad((v: tf.Tensor) => tf.sum(patches3x3(v as tf.Tensor4D)))(x));
      tf.dispose([x, result as tf.Tensor]);
      return kernelNames;
    });
    expect(names.filter((name) => name.startsWith('Tfode')).sort()).toEqual(['TfodePatches3x3', 'TfodePatches3x3Backprop']);
    expect(names).not.toContain('Slice');
  });

  it('rejects a non-NHWC or non-float32 input', () => {
    expect(() => patches3x3(tf.zeros([3, 3, 1]) as unknown as tf.Tensor4D)).toThrow(RangeError);
    expect(() => patches3x3(tf.zeros([1, 3, 3, 1], 'int32') as tf.Tensor4D)).toThrow(TypeError);
  });
});
