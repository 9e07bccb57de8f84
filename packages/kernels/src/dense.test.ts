import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { dense, type DenseActivation } from './ops/dense';
import { onBackend, onSimdBuild, simdBuilds } from './test-support';

function seeded(n: number, seed: number, scale: number): Float64Array {
  let state = seed;
  return Float64Array.from({ length: n }, () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return Math.fround((state / 2 ** 32 - 0.5) * 2 * scale);
  });
}
const act: Record<DenseActivation, (z: number) => number> = {
  linear: (z) => z,
  tanh: Math.tanh,
  sigmoid: (z) => 1 / (1 + Math.exp(-z)),
  relu: (z) => Math.max(z, 0),
};

/**
 * dense(x, w, b) and L = Σ c ⊙ dense(x, w, b) for x [rows, inputs], with seeded values, their float64
 * references and L's gradients; with `time`, dense of [x, time] (w one row longer).
 */
function denseCase([rows, inputs, outputs]: [number, number, number], time?: number) {
  const fanIn = inputs + (time === undefined ? 0 : 1);
  const x = seeded(rows * inputs, 1, 1.5);
  const w = seeded(fanIn * outputs, 2, 0.8);
  const b = seeded(outputs, 3, 0.5);
  const c = seeded(rows * outputs, 4, 1);

  /** dense(x, w, b) in float64 on the host, row-major: the independent reference. */
  function hostOutput(activation: DenseActivation, xs: Float64Array, ws: Float64Array, bs: Float64Array): Float64Array {
    const y = new Float64Array(rows * outputs);
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < outputs; j++) {
        let z = bs[j] + (time === undefined ? 0 : time * ws[inputs * outputs + j]);
        for (let k = 0; k < inputs; k++) z += xs[i * inputs + k] * ws[k * outputs + j];
        y[i * outputs + j] = act[activation](z);
      }
    }
    return y;
  }

  /** L(x, w, b) in float64 on the host. */
  function hostLoss(activation: DenseActivation, xs: Float64Array, ws: Float64Array, bs: Float64Array): number {
    return hostOutput(activation, xs, ws, bs).reduce((loss, y, i) => loss + c[i] * y, 0);
  }

  /** Central differences of hostLoss for every entry of one argument. */
  function hostGradient(activation: DenseActivation, which: 0 | 1 | 2): Float64Array {
    const args = [x, w, b].map((a) => Float64Array.from(a));
    const h = 1e-6;
    return Float64Array.from(args[which], (value, i) => {
      args[which][i] = value + h;
      const up = hostLoss(activation, args[0], args[1], args[2]);
      args[which][i] = value - h;
      const down = hostLoss(activation, args[0], args[1], args[2]);
      args[which][i] = value;
      return (up - down) / (2 * h);
    });
  }

  function denseAndGradients(activation: DenseActivation) {
    return tf.tidy(() => {
      const [xt, wt, bt] = [tf.tensor2d(Float32Array.from(x), [rows, inputs]), tf.tensor2d(Float32Array.from(w), [fanIn, outputs]), tf.tensor1d(Float32Array.from(b))];
      const ct = tf.tensor2d(Float32Array.from(c), [rows, outputs]);
      const loss = (xa: tf.Tensor, wa: tf.Tensor, ba: tf.Tensor) => tf.sum(tf.mul(ct, dense(xa as tf.Tensor2D, wa as tf.Tensor2D, ba as tf.Tensor1D, activation, { time })));
      const grads = tf.grads(loss)([xt, wt, bt]);
      const output = dense(xt as tf.Tensor2D, wt as tf.Tensor2D, bt as tf.Tensor1D, activation, { time });
      return { output: output.dataSync(), grads: grads.map((g) => g.dataSync()) };
    });
  }
  return { x, w, b, hostOutput, hostGradient, denseAndGradients };
}

describe('dense on wasm with the fast kernels', () => {
  // Sizes in whole tiles of 4 × 8 ([36, 16, 24]); outputs narrower than a tile (the padded column alone, [37, 6, 5]);
  // tiles with rows and columns left over ([37, 19, 13]); depths over the kernel's part of 128 rows, forward
  // ([20, 260, 9]) and in ∂w = xᵀ·g, whose depth is the batch ([300, 9, 10]); outputs narrower than a tile
  // from inputs that fill tiles, whose ∂w is (gᵀ·x)ᵀ ([40, 12, 3]).
  const shapes = [[37, 6, 5], [36, 16, 24], [37, 19, 13], [20, 260, 9], [300, 9, 10], [40, 12, 3]] as const;
  const cases = (['linear', 'tanh', 'sigmoid', 'relu'] as const).flatMap((activation) => [
    ...shapes.map((sizes) => ({ sizes, activation, time: undefined })),
    // a field's first layer on [z, t] (two state columns and the time), and a wider one
    ...([[256, 2, 64], [37, 19, 13]] as const).map((sizes) => ({ sizes, activation, time: -0.37 })),
  ]);
  for (const { sizes, activation, time, build } of cases.flatMap((c) => simdBuilds.map((build) => ({ ...c, build })))) {
    const input = time === undefined ? `x [${sizes[0]}, ${sizes[1]}]` : `[x, t] with x [${sizes[0]}, ${sizes[1]}], t = ${time}`;
    it(`${activation}, ${input} · w, ${build} build: value and the gradients of x, w and b match float64 finite differences and tfjs's own ops`, async () => {
      const { x, w, b, hostOutput, hostGradient, denseAndGradients } = denseCase([...sizes], time);
      const before = tf.memory().numTensors;
      const fast = await onSimdBuild(build, () => onBackend('wasm', true, () => denseAndGradients(activation)));
      const composite = await onBackend('cpu', false, () => denseAndGradients(activation));
      expect(tf.memory().numTensors).toBe(before);
      // each output on its own (the loss, a float32 sum of rows × outputs terms, would add its own rounding)
      hostOutput(activation, x, w, b).forEach((y, i) => expect(Math.abs(fast.output[i] - y)).toBeLessThanOrEqual(1e-5 * (1 + Math.abs(y))));
      ([0, 1, 2] as const).forEach((which) => {
        const reference = hostGradient(activation, which);
        expect(fast.grads[which].length).toBe(reference.length);
        reference.forEach((expected, i) => {
          expect(Math.abs(fast.grads[which][i] - expected)).toBeLessThanOrEqual(1e-4 * (1 + Math.abs(expected)));
          expect(Math.abs(fast.grads[which][i] - composite.grads[which][i])).toBeLessThanOrEqual(1e-5 * (1 + Math.abs(expected)));
        });
      });
    });
  }

  it('with a time column and no bias gives the values of the [x, t] layer built with concat', async () => {
    const fast = await onBackend('wasm', true, () =>
      tf.tidy(() => {
        const x = tf.randomNormal([9, 3], 0, 1, 'float32', 7) as tf.Tensor2D;
        const w = tf.randomNormal([4, 11], 0, 1, 'float32', 8) as tf.Tensor2D;
        const reference = tf.tanh(tf.matMul(tf.concat([x, tf.fill([9, 1], 2.5)], 1), w));
        return [dense(x, w, undefined, 'tanh', { time: 2.5 }), reference].map((t) => Array.from(t.dataSync()));
      }),
    );
    fast[0].forEach((value, i) => expect(Math.abs(value - fast[1][i])).toBeLessThanOrEqual(1e-6));
  });

  it('runs as one kernel forward and one kernel backward', async () => {
    const kernels = await onBackend('wasm', true, async () => {
      const xt = tf.randomNormal([8, 4]) as tf.Tensor2D;
      const wt = tf.randomNormal([4, 3]) as tf.Tensor2D;
      const bt = tf.zeros([3]) as tf.Tensor1D;
      const result = await tf.profile(() => tf.grads((a: tf.Tensor, v: tf.Tensor, u: tf.Tensor) => dense(a as tf.Tensor2D, v as tf.Tensor2D, u as tf.Tensor1D, 'tanh'))([xt, wt, bt]));
      tf.dispose([xt, wt, bt, ...(result.result as tf.Tensor[])]);
      return result.kernelNames;
    });
    expect(kernels.filter((name) => name.startsWith('Tfode')).sort()).toEqual(['TfodeDense', 'TfodeDenseBackprop']);
  });

  it('leaves no tensor behind when only some inputs need a gradient (a data input x, no bias)', async () => {
    await onBackend('wasm', true, () => {
      const xt = tf.randomNormal([8, 4], 0, 1, 'float32', 1) as tf.Tensor2D;
      const wt = tf.variable(tf.randomNormal([4, 3], 0, 1, 'float32', 2)) as tf.Variable<tf.Rank.R2>;
      const before = tf.memory().numTensors;
      for (let i = 0; i < 5; i++) {
        const { value, grads } = tf.variableGrads(() => tf.sum(dense(xt, wt, undefined, 'relu')) as tf.Scalar, [wt]);
        expect(grads[wt.name].shape).toEqual([4, 3]);
        tf.dispose([value, grads[wt.name]]);
      }
      expect(tf.memory().numTensors).toBe(before);
      tf.dispose([xt, wt]);
    });
  });

  it('relu passes NaN through, as tfjs’s reference kernel does, in whole and in padded tiles', async () => {
    for (const outputs of [8, 3]) {
      const values = (backend: 'cpu' | 'wasm') =>
        onBackend(backend, backend === 'wasm', () =>
          tf.tidy(() => Array.from(dense(tf.tensor2d([NaN, 1, -2, 0, Infinity, -Infinity, 3, -1], [4, 2]), tf.ones([2, outputs]) as tf.Tensor2D, undefined, 'relu').dataSync())),
        );
      const [fast, reference] = [await values('wasm'), await values('cpu')];
      expect(fast).toEqual(reference);
      expect(fast.slice(0, outputs).every(Number.isNaN)).toBe(true);
    }
  });

  it('without a bias gives the product itself, in whole and in padded tiles', async () => {
    for (const [rows, inputs, outputs] of [[8, 16, 8], [7, 5, 3], [9, 7, 11]]) {
      const product = (backend: 'cpu' | 'wasm') =>
        onBackend(backend, backend === 'wasm', () =>
          tf.tidy(() => Array.from(dense(tf.randomNormal([rows, inputs], 0, 1, 'float32', 5) as tf.Tensor2D, tf.randomNormal([inputs, outputs], 0, 1, 'float32', 6) as tf.Tensor2D).dataSync())),
        );
      const [fast, reference] = [await product('wasm'), await product('cpu')];
      fast.forEach((value, i) => expect(Math.abs(value - reference[i])).toBeLessThanOrEqual(1e-5 * (1 + Math.abs(reference[i]))));
    }
  });

  it('rejects shapes that do not chain, wrong ranks, non-float32 inputs and unknown activations', () => {
    tf.tidy(() => {
      const [xt, wt] = [tf.zeros([4, 3]) as tf.Tensor2D, tf.zeros([3, 2]) as tf.Tensor2D];
      expect(() => dense(xt, tf.zeros([4, 2]) as tf.Tensor2D)).toThrow(RangeError);
      expect(() => dense(xt, wt, tf.zeros([3]) as tf.Tensor1D)).toThrow(/do not chain/);
      expect(() => dense(tf.zeros([4]) as unknown as tf.Tensor2D, wt)).toThrow(/2-D/);
      expect(() => dense(tf.zeros([4, 3], 'int32') as tf.Tensor2D, wt)).toThrow(TypeError);
      expect(() => dense(xt, wt, undefined, 'swish' as DenseActivation)).toThrow(/unknown activation/);
      expect(() => dense(xt, wt, undefined, 'toString' as DenseActivation)).toThrow(/unknown activation/);
      expect(() => dense(xt, wt, undefined, 'tanh', { time: 0.5 })).toThrow(/\[x, t\] \[4,4\] · w \[3,2\]/);
      expect(() => dense(xt, tf.zeros([4, 2]) as tf.Tensor2D, undefined, 'tanh', { time: NaN })).toThrow(/time must be a finite number/);
      expect(() => dense(xt, tf.zeros([4, 2]) as tf.Tensor2D, undefined, 'tanh', { time: '1' as unknown as number })).toThrow(/time must be a finite number/);
    });
  });
});
