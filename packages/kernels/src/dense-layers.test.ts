import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import type { DenseActivation } from './ops/dense';
import { denseLayers } from './ops/dense-layers';
import { expectNothingLeft, onBackend, onSimdBuild, simdBuilds } from './test-support';

interface Spec {
  sizes: number[];
  activations: DenseActivation[];
  /** Layers without a bias. */
  noBias?: number[];
  time?: number;
}

// A field's MLP on [z, t] (train-step's shape); every activation, a layer without bias, widths off the tiles; one layer alone.
const specs: Spec[] = [
  { sizes: [2, 64, 64, 2], activations: ['tanh', 'tanh', 'linear'], time: 0.35 },
  { sizes: [5, 13, 9, 7, 3], activations: ['relu', 'sigmoid', 'tanh', 'linear'], noBias: [1] },
  { sizes: [4, 6], activations: ['tanh'], time: -1.5 },
];

/** The layers of `spec` from seeded values: [w0, b0, w1, …] (a b only where the layer has one). */
function seededWeights({ sizes, activations, noBias = [], time }: Spec): tf.Tensor[] {
  return activations.flatMap((_, i) => {
    const w = tf.randomNormal([sizes[i] + (i === 0 && time !== undefined ? 1 : 0), sizes[i + 1]], 0, 0.6, 'float32', 10 + i);
    return noBias.includes(i) ? [w] : [w, tf.randomNormal([sizes[i + 1]], 0, 0.3, 'float32', 20 + i)];
  });
}

/** denseLayers of x under `spec`, its weights taken in order from `weights`. */
function chain({ activations, noBias = [], time }: Spec, x: tf.Tensor, weights: tf.Tensor[]): tf.Tensor2D {
  const rest = [...weights];
  const layers = activations.map((activation, i) => ({ w: rest.shift() as tf.Tensor2D, b: noBias.includes(i) ? undefined : (rest.shift() as tf.Tensor1D), activation }));
  return denseLayers(x as tf.Tensor2D, layers, time === undefined ? {} : { time });
}

/** Σ c ⊙ denseLayers(x, …) and its gradients in x and every weight, from seeded values, as arrays. */
function chainAndGradients(spec: Spec) {
  return tf.tidy(() => {
    const rows = 37;
    const x = tf.randomNormal([rows, spec.sizes[0]], 0, 1, 'float32', 1);
    const c = tf.randomNormal([rows, spec.sizes[spec.sizes.length - 1]], 0, 1, 'float32', 2);
    const loss = (...args: tf.Tensor[]) => tf.sum(tf.mul(c, chain(spec, args[0], args.slice(1))));
    const { value, grads } = tf.valueAndGrads(loss)([x, ...seededWeights(spec)]);
    return { value: value.dataSync()[0], grads: grads.map((g) => Array.from(g.dataSync())) };
  });
}

/** ∂/∂x of Σ ∂/∂x Σ denseLayers(x)²: a gradient of a gradient. */
function secondOrder(spec: Spec): number[] {
  return tf.tidy(() => {
    const x = tf.randomNormal([9, spec.sizes[0]], 0, 1, 'float32', 3);
    const weights = seededWeights(spec);
    const inner = (u: tf.Tensor) => tf.sum(tf.grad((s: tf.Tensor) => tf.sum(tf.square(chain(spec, s, weights))))(u));
    return Array.from(tf.grad(inner)(x).dataSync());
  });
}

describe('denseLayers', () => {
  for (const spec of specs) {
    const name = `${spec.sizes.join('→')} (${spec.activations.join(', ')}${spec.time === undefined ? '' : ', time column'})`;
    for (const build of simdBuilds) {
      it(`${name}, ${build} build: value and every gradient match tfjs's own ops on cpu`, async () => {
        const reference = await onBackend('cpu', false, () => chainAndGradients(spec));
        const fast = await onSimdBuild(build, () => onBackend('wasm', true, () => chainAndGradients(spec)));
        expect(Math.abs(fast.value - reference.value)).toBeLessThanOrEqual(1e-5 * (1 + Math.abs(reference.value)));
        expect(fast.grads.map((g) => g.length)).toEqual(reference.grads.map((g) => g.length));
        fast.grads.forEach((g, i) => g.forEach((v, j) => expect(Math.abs(v - reference.grads[i][j])).toBeLessThanOrEqual(1e-4 * (1 + Math.abs(reference.grads[i][j])))));
      });
    }
    it(`${name}: a gradient of a gradient matches tfjs's own ops on cpu`, async () => {
      const reference = await onBackend('cpu', false, () => secondOrder(spec));
      const fast = await onBackend('wasm', true, () => secondOrder(spec));
      fast.forEach((v, i) => expect(Math.abs(v - reference[i])).toBeLessThanOrEqual(1e-4 * (1 + Math.abs(reference[i]))));
    });
  }

  it('is one kernel forward and one kernel backward on wasm', async () => {
    const kernels = await onBackend('wasm', true, async () => {
      const [x, w0, b0, w1] = [tf.randomNormal([8, 3]), tf.randomNormal([4, 5]), tf.zeros([5]), tf.randomNormal([5, 2])];
      const f = (a: tf.Tensor, v: tf.Tensor, u: tf.Tensor, s: tf.Tensor) =>
        denseLayers(a as tf.Tensor2D, [{ w: v as tf.Tensor2D, b: u as tf.Tensor1D, activation: 'tanh' }, { w: s as tf.Tensor2D }], { time: 0.5 });
      const result = await tf.profile(() => tf.grads(f)([x, w0, b0, w1]));
      tf.dispose([x, w0, b0, w1, ...(result.result as tf.Tensor[])]);
      return result.kernelNames;
    });
    expect(kernels.filter((name) => name.startsWith('Tfode')).sort()).toEqual(['TfodeDenseLayers', 'TfodeDenseLayersBackprop']);
  });

  it('leaves no tensor or buffer behind: forward alone, and gradients of the weights only (x a data input)', async () => {
    await onBackend('wasm', true, () => {
      const x = tf.randomNormal([16, 2], 0, 1, 'float32', 1) as tf.Tensor2D;
      const layers = [
        { w: tf.variable(tf.randomNormal([3, 8], 0, 1, 'float32', 2)) as tf.Variable<tf.Rank.R2>, b: tf.variable(tf.zeros([8])) as tf.Variable<tf.Rank.R1>, activation: 'tanh' as const },
        { w: tf.variable(tf.randomNormal([8, 8], 0, 1, 'float32', 3)) as tf.Variable<tf.Rank.R2>, activation: 'relu' as const },
        { w: tf.variable(tf.randomNormal([8, 2], 0, 1, 'float32', 4)) as tf.Variable<tf.Rank.R2> },
      ];
      expectNothingLeft(() => denseLayers(x, layers, { time: 0.1 }).dispose());
      expectNothingLeft(() => {
        const { value, grads } = tf.variableGrads(() => tf.sum(denseLayers(x, layers, { time: 0.1 })) as tf.Scalar);
        expect(Object.keys(grads)).toHaveLength(4);
        tf.dispose([value, ...Object.values(grads)]);
      });
      tf.dispose([x, ...layers.flatMap(({ w, b }) => (b === undefined ? [w] : [w, b]))]);
    });
  });

  it('rejects no layers, a layer that is not { w }, shapes that do not chain (naming the layer), a bad time and unknown activations', () => {
    tf.tidy(() => {
      const x = tf.zeros([4, 3]) as tf.Tensor2D;
      const w = tf.zeros([3, 5]) as tf.Tensor2D;
      expect(() => denseLayers(x, [])).toThrow(/at least one layer/);
      expect(() => denseLayers(x, [null as unknown as { w: tf.Tensor2D }])).toThrow(TypeError);
      expect(() => denseLayers(x, [{ w }, { w }])).toThrow(/shapes do not chain: the input of layer 1 \[4,5\] · w \[3,5\]/);
      expect(() => denseLayers(x, [{ w }], { time: 0 })).toThrow(/\[x, t\] \[4,4\] · w \[3,5\]/);
      expect(() => denseLayers(x, [{ w: tf.zeros([4, 5]) as tf.Tensor2D }], { time: Infinity })).toThrow(/time must be a finite number/);
      expect(() => denseLayers(x, [{ w, activation: 'swish' as DenseActivation }])).toThrow(/unknown activation "swish"/);
      expect(() => denseLayers(x, [{ w, b: tf.zeros([4]) as tf.Tensor1D }])).toThrow(/do not chain/);
      expect(() => denseLayers(tf.zeros([4, 3], 'int32') as tf.Tensor2D, [{ w }])).toThrow(TypeError);
    });
  });
});
