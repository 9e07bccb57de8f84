import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { errorSquares } from './ops/error-squares';
import { countingCalls, onBackend } from './test-support';

const [rtol, atol] = [1e-5, 1e-7];
/** A step's error estimate, |y0| and y1 (seeded; y1 with −0, a huge and a tiny value), for n values. */
const inputs = (n: number) => {
  const error = tf.mul(tf.randomNormal([n], 0, 1, 'float32', n), 1e-5);
  const y0Abs = tf.abs(tf.randomNormal([n], 0, 1, 'float32', n + 1));
  const y1 = tf.concat([tf.tensor1d([-0, 3e30, 1e-30]), tf.randomNormal([n - 3], 0, 1, 'float32', n + 2)]);
  return { error, y0Abs, y1 };
};
/** [|y1|, Σ (e / (atol + rtol·max(|y0|, |y1|)))²] by tfjs's ops, as the solvers' error measure computes it without the kernel. */
const byOps = ({ error, y0Abs, y1 }: ReturnType<typeof inputs>) => {
  const y1Abs = tf.abs(y1);
  return [y1Abs, tf.sum(tf.square(tf.div(error, tf.add(tf.mul(tf.maximum(y0Abs, y1Abs), rtol), atol))))];
};
const values = (ts: tf.Tensor[]) => ts.map((t) => Array.from(t.dataSync()));

describe('errorSquares (an adaptive step’s error measure in one kernel)', () => {
  it('gives the bits of tfjs’s Abs, Maximum, Multiply, Add, RealDiv, Square and Sum on wasm, in one kernel call', async () => {
    for (const n of [3, 4, 17, 512, 4099]) {
      const [fused, ops] = await onBackend('wasm', true, () =>
        tf.tidy(() => {
          const x = inputs(n);
          const counted = countingCalls('TfodeErrorSquares', () => values(errorSquares(x.error, x.y0Abs, x.y1, rtol, atol)!));
          expect(counted.calls).toBe(1);
          return [counted.result, values(byOps(x))];
        }),
      );
      expect(fused[0]).toEqual(ops[0]);
      expect(fused[1]).toEqual(ops[1]);
    }
  });

  it('matches tfjs’s ops on cpu to float32 rounding of the sum', async () => {
    const reference = await onBackend('cpu', false, () => tf.tidy(() => values(byOps(inputs(512)))));
    const fused = await onBackend('wasm', true, () => tf.tidy(() => { const x = inputs(512); return values(errorSquares(x.error, x.y0Abs, x.y1, rtol, atol)!); }));
    expect(fused[0]).toEqual(reference[0]);
    expect(Math.abs(fused[1][0] / reference[1][0] - 1)).toBeLessThan(1e-5);
  });

  it('gives NaN for a NaN in the error, and is undefined where the kernel is not installed (cpu, or wasm without the fast kernels)', async () => {
    const nan = await onBackend('wasm', true, () =>
      tf.tidy(() => values(errorSquares(tf.tensor1d([1e-6, NaN]), tf.tensor1d([1, 1]), tf.tensor1d([1, 2]), rtol, atol)!)[1][0]),
    );
    expect(nan).toBeNaN();
    for (const [backend, fast] of [['cpu', false], ['wasm', false]] as const) {
      const result = await onBackend(backend, fast, () => tf.tidy(() => errorSquares(tf.ones([2]), tf.ones([2]), tf.ones([2]), rtol, atol)));
      expect(result).toBeUndefined();
    }
  });

  it('throws a RangeError for shapes that differ or tolerances that are not finite, a TypeError for a tensor that is not float32', async () => {
    await onBackend('wasm', true, () =>
      tf.tidy(() => {
        const [a, b] = [tf.ones([3]), tf.ones([4])];
        expect(() => errorSquares(a, a, b, rtol, atol)).toThrow(RangeError);
        expect(() => errorSquares(a, a, a, Number.NaN, atol)).toThrow(RangeError);
        expect(() => errorSquares(a, a, a, rtol, Infinity)).toThrow(RangeError);
        expect(() => errorSquares(tf.ones([3], 'int32'), a, a, rtol, atol)).toThrow(TypeError);
      }),
    );
  });
});
