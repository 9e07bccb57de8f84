import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { onBackend } from './test-support';

/** A seeded integer in [0, n). */
function generator(seed: number) {
  let state = seed;
  return (n: number) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return Math.floor((state / 2 ** 32) * n);
  };
}

/** Random slices, splits and concats of tensors of rank 1–6 (float32, int32 and bool), as plain arrays. */
function copies(seed: number) {
  const next = generator(seed);
  const results: unknown[] = [];
  for (let round = 0; round < 60; round++) {
    tf.tidy(() => {
      const rank = 1 + next(6);
      const shape = Array.from({ length: rank }, () => 1 + next(5));
      const dtype = (['float32', 'int32', 'bool'] as const)[next(3)];
      const values = Array.from({ length: tf.util.sizeFromShape(shape) }, (_, i) => (dtype === 'bool' ? i % 3 === 0 : i));
      const x = tf.tensor(values as number[], shape, dtype);
      const begin = shape.map((d) => next(d));
      const size = shape.map((d, i) => (next(4) === 0 ? -1 : 1 + next(d - begin[i])));
      results.push(tf.slice(x, begin, size).arraySync());
      const axis = next(rank);
      const first = 1 + next(shape[axis]);
      if (first < shape[axis]) results.push(tf.split(x, [first, shape[axis] - first], axis).map((t) => t.arraySync()));
      const other = shape.map((d, i) => (i === axis ? 1 + next(3) : d));
      results.push(tf.concat([x, tf.ones(other, dtype), x], axis).arraySync());
    });
  }
  return results;
}

describe('Slice, SplitV and Concat on wasm as block copies', () => {
  it('give exactly the cpu backend’s results for random shapes, ranks 1–6, and every dtype', async () => {
    const reference = await onBackend('cpu', false, () => copies(7));
    const fast = await onBackend('wasm', true, () => copies(7));
    expect(fast).toEqual(reference);
  });

  it('the im2col layout (shifted windows of a padded NHWC batch, their concat and its split)', async () => {
    const run = () =>
      tf.tidy(() => {
        const x = tf.pad(tf.randomNormal([3, 6, 5, 4], 0, 1, 'float32', 3), [[0, 0], [1, 1], [1, 1], [0, 0]]);
        const windows = [0, 1, 2].flatMap((dy) => [0, 1, 2].map((dx) => tf.slice(x, [0, dy, dx, 0], [3, 6, 5, 4])));
        const columns = tf.concat(windows, 3);
        return [columns.arraySync(), tf.split(columns, 9, 3).map((t) => t.arraySync())];
      });
    expect(await onBackend('wasm', true, run)).toEqual(await onBackend('cpu', false, run));
  });
});
