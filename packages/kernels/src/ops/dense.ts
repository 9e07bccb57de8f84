import * as tf from '@tensorflow/tfjs-core';
import { Dense, type DenseAttrs } from '../kernels/kernel-names';
import type { DenseActivation } from '../wasm/simd-kernels';

export type { DenseActivation };

const activations: Record<DenseActivation, (z: tf.Tensor2D) => tf.Tensor2D> = {
  linear: (z) => z,
  tanh: (z) => tf.tanh(z),
  sigmoid: (z) => tf.sigmoid(z),
  relu: (z) => tf.relu(z),
};

/** Options of dense. */
export interface DenseOptions {
  /**
   * A constant column t appended to x's rows: act([x, t]·w + b), w with one more row than x has columns,
   * without building [x, t] (the time input of a field f(t, z), torchdyn's DepthCat). No gradient to t.
   */
  time?: number;
}

/**
 * act(x·w + b) for x [rows, in], w [in, out], b [out] (optional): one kernel forward and one kernel
 * backward where the fast kernels are installed for the active backend (installFastKernels: wasm), else
 * the same values from tfjs's matMul, add and activation ops. Differentiable either way. With
 * `options.time`, act([x, t]·w + b) and w is [in + 1, out].
 */
export function dense(x: tf.Tensor2D, w: tf.Tensor2D, b?: tf.Tensor1D, activation: DenseActivation = 'linear', options: DenseOptions = {}): tf.Tensor2D {
  checkDenseLayer('dense', x, 'x', w, b, activation, options.time);
  const { time } = options;
  if (tf.getKernel(Dense, tf.getBackend()) !== undefined) {
    const attrs: DenseAttrs = { activation, hasBias: b !== undefined, time: time ?? null };
    return tf.engine().runKernel(Dense, b === undefined ? { x, w } : { x, w, b }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor2D;
  }
  return tf.tidy(() => {
    const input = time === undefined ? x : withTimeColumn(x, time);
    return activations[activation](b === undefined ? tf.matMul(input, w) : tf.add(tf.matMul(input, w), b));
  });
}

/**
 * Throws RangeError or TypeError unless act(input·w + b) is a layer `dense` computes: the input, called
 * `named` in messages, has x's rank, shape and dtype, and the time column where `time` is given.
 */
export function checkDenseLayer(op: string, x: { shape: number[]; rank: number; dtype: tf.DataType }, named: string, w: tf.Tensor, b: tf.Tensor | undefined, activation: string, time: number | undefined): void {
  if (!(activation in activations) || !Object.hasOwn(activations, activation)) {
    throw new RangeError(`${op}: unknown activation "${activation}": use ${Object.keys(activations).join(', ')}`);
  }
  if (x.rank !== 2 || w.rank !== 2 || (b !== undefined && b.rank !== 1)) {
    throw new RangeError(`${op}: ${named} and w must be 2-D and b 1-D, got ${named} [${x.shape}], w [${w.shape}]${b === undefined ? '' : `, b [${b.shape}]`}`);
  }
  if (time !== undefined && (typeof time !== 'number' || !Number.isFinite(time))) throw new RangeError(`${op}: time must be a finite number, got ${String(time)}`);
  const fanIn = x.shape[1] + (time === undefined ? 0 : 1);
  if (fanIn !== w.shape[0] || (b !== undefined && b.shape[0] !== w.shape[1])) {
    const input = time === undefined ? `${named} [${x.shape}]` : `[${named}, t] [${x.shape[0]},${fanIn}]`;
    throw new RangeError(`${op}: shapes do not chain: ${input} · w [${w.shape}]${b === undefined ? '' : ` + b [${b.shape}]`}`);
  }
  if (x.dtype !== 'float32' || w.dtype !== 'float32' || (b !== undefined && b.dtype !== 'float32')) throw new TypeError(`${op}: ${named}, w and b must be float32`);
}

/** [x, t]: x's rows with the constant t appended. */
export function withTimeColumn(x: tf.Tensor2D, time: number): tf.Tensor2D {
  return tf.concat([x, tf.fill([x.shape[0], 1], time)], 1);
}
