import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from '@tfode/ode-core';
import { describe, expect, it } from 'vitest';
import { affine } from './affine';
import { controlBlockSizes } from './control-split';
import { ConvBlock, convSame } from './conv-block';
import { higherOrderODE } from './higher-order-ode';
import { MLP } from './mlp';

const close = (a: tf.Tensor, b: tf.Tensor) => expect(tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0])).toBeLessThan(1e-5);

describe('building blocks', () => {
  it('per-sample convolution (im2col) equals tf.conv2d sample by sample, and keeps H×W', () => {
    const x = tf.randomNormal([2, 4, 5, 3], 0, 1, 'float32', 1) as tf.Tensor4D;
    const kernels = tf.randomNormal([2, 27, 2], 0, 1, 'float32', 2);
    const bias = tf.randomNormal([2, 2], 0, 1, 'float32', 3);
    const before = tf.memory().numTensors;
    const out = convSame(x, kernels, bias, 3);
    expect(out.shape).toEqual([2, 4, 5, 2]);
    for (let b = 0; b < 2; b++) {
      tf.tidy(() => {
        const xb = tf.slice(x, [b], [1]);
        const k = tf.reshape(tf.squeeze(tf.slice(kernels, [b], [1]), [0]), [3, 3, 3, 2]) as tf.Tensor4D;
        close(tf.slice(out, [b], [1]), tf.add(tf.conv2d(xb as tf.Tensor4D, k, 1, 'same'), tf.slice(bias, [b], [1])));
      });
    }
    out.dispose();
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([x, kernels, bias]);
  });

  it('a controlled MLP with θ equal to the shared weights gives the shared MLP', () => {
    const shared = new MLP([3, 4, 2], { seed: 1 });
    const controlled = new MLP([3, 4, 2], { seed: 1, controlled: [1] });
    expect(controlled.controlSize).toBe(4 * 2 + 2);
    const x = tf.randomNormal([5, 3], 0, 1, 'float32', 1);
    const [, , kernel1, bias1] = shared.variables;
    const theta = tf.tile(tf.concat([tf.reshape(kernel1, [1, -1]), tf.reshape(bias1, [1, -1])], 1), [5, 1]);
    close(controlled.apply(x, theta), shared.apply(x));
    expect(() => controlled.apply(x)).toThrow(/pass θ of shape \[batch, 10\]/);
    expect(() => shared.apply(tf.zeros([5, 2]))).toThrow(InvalidArgumentError);
    expect(() => new MLP([3], { seed: 1 })).toThrow(/sizes/);
    tf.dispose([x, theta]);
    shared.dispose();
    controlled.dispose();
  });

  it('an MLP of [x, t] gives MLP(concat([x, t])) and its gradients, fused first layer or not', () => {
    for (const options of [{}, { activation: 'softplus' as const }, { controlled: [0] }]) {
      const mlp = new MLP([3, 8, 2], { seed: 4, ...options });
      const x = tf.randomNormal([5, 2], 0, 1, 'float32', 2);
      const theta = mlp.controlSize > 0 ? tf.randomNormal([5, mlp.controlSize], 0, 0.5, 'float32', 3) : undefined;
      const loss = (timed: boolean) => () => tf.sum(tf.square(timed ? mlp.applyTimed(x, 0.7, theta) : mlp.apply(tf.concat([x, tf.fill([5, 1], 0.7)], 1), theta))) as tf.Scalar;
      const [timed, built] = [loss(true), loss(false)].map((f) => tf.variableGrads(f, mlp.variables as tf.Variable[]));
      close(timed.value, built.value);
      Object.keys(built.grads).forEach((name) => close(timed.grads[name], built.grads[name]));
      expect(() => mlp.applyTimed(tf.zeros([5, 3]), 0.7, theta)).toThrow(/x \(t is the last input\) of shape \[batch, 2\]/);
      expect(() => mlp.applyTimed(x, NaN, theta)).toThrow(/t must be a finite number/);
      tf.dispose([x, ...(theta ? [theta] : []), timed.value, built.value, ...Object.values(timed.grads), ...Object.values(built.grads)]);
      mlp.dispose();
    }
  });

  it('affine rejects a non-matrix input; the conv block checks channels and names its variables', () => {
    expect(() => affine(tf.zeros([2]), tf.zeros([2, 2]), tf.zeros([2]))).toThrow(/rank 2/);
    const block = new ConvBlock(2, 3, { seed: 1, controlled: 'inner' });
    expect(block.namedVariables().map(([n]) => n)).toEqual(['kernel0', 'bias0', 'kernel2', 'bias2']);
    expect(block.controlSize).toBe(3 * 3 * 3 * 3 + 3); // the 3×3 kernel (3 → 3 filters) and its bias
    expect(() => block.apply(tf.zeros([1, 2, 2, 3]))).toThrow(/\[batch, height, width, 2\]/);
    block.dispose();
  });

  it('a conv block may change the channel count; control blocks are kernel + bias per controlled conv', () => {
    const block = new ConvBlock(4, 3, { seed: 2, outputChannels: 2, controlled: [0, 2] });
    expect(controlBlockSizes(block.controlShapes)).toEqual([4 * 3 + 3, 3 * 2 + 2]);
    const theta = tf.randomNormal([1, block.controlSize], 0, 1, 'float32', 3);
    const out = block.apply(tf.ones([1, 5, 5, 4]), theta);
    expect(out.shape).toEqual([1, 5, 5, 2]);
    tf.dispose([theta, out]);
    block.dispose();
  });

  it('selective second order: ẋ_S = v, v̇ = f_S, ẋ_U = f_U (Dissecting Sec 4), by one Euler step', () => {
    const model = higherOrderODE({ dims: 3, order: 2, selected: [2], hidden: [4], seed: 1, solver: { method: 'euler', stepSize: 1 } });
    const x = tf.tensor2d([[0.3, -0.2, 0.5]]);
    const { x0 } = model.initialState(x);
    (x0.arraySync() as number[][])[0].forEach((v, i) => expect(v).toBeCloseTo([0.3, -0.2, 0.5, 0][i], 6));
    const z0 = tf.tensor2d([[0.3, -0.2, 0.5, 0.7]]);
    const f = (model.modules.field as MLP).apply(z0).arraySync()[0];
    const z1 = tf.tidy(() => tf.squeeze(tf.slice(model.integrate(z0).xs, [1], [1]), [0]).arraySync() as number[][])[0];
    const expected = [0.3 + f[1], -0.2 + f[2], 0.5 + 0.7, 0.7 + f[0]];
    z1.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 5));
    tf.dispose([x, x0, z0]);
    model.dispose();
  });
});
