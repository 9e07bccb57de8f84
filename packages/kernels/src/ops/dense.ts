import * as tf from '@tensorflow/tfjs-core';
import { Dense } from '../kernels/kernel-names';
import type { DenseActivation } from '../wasm/simd-kernels';

export type { DenseActivation };

const activations: Record<DenseActivation, (z: tf.Tensor2D) => tf.Tensor2D> = {
  linear: (z) => z,
  tanh: (z) => tf.tanh(z),
  sigmoid: (z) => tf.sigmoid(z),
  relu: (z) => tf.relu(z),
};

/**
 * act(x·w + b) for x [rows, in], w [in, out], b [out] (optional): one kernel forward and one kernel
 * backward where the fast kernels are installed for the active backend (installFastKernels: wasm), else
 * the same values from tfjs's matMul, add and activation ops. Differentiable either way.
 */
export function dense(x: tf.Tensor2D, w: tf.Tensor2D, b?: tf.Tensor1D, activation: DenseActivation = 'linear'): tf.Tensor2D {
  if (!(activation in activations) || !Object.hasOwn(activations, activation)) {
    throw new RangeError(`dense: unknown activation "${activation}": use ${Object.keys(activations).join(', ')}`);
  }
  if (x.rank !== 2 || w.rank !== 2 || (b !== undefined && b.rank !== 1)) {
    throw new RangeError(`dense: x and w must be 2-D and b 1-D, got x [${x.shape}], w [${w.shape}]${b === undefined ? '' : `, b [${b.shape}]`}`);
  }
  if (x.shape[1] !== w.shape[0] || (b !== undefined && b.shape[0] !== w.shape[1])) {
    throw new RangeError(`dense: shapes do not chain: x [${x.shape}] · w [${w.shape}]${b === undefined ? '' : ` + b [${b.shape}]`}`);
  }
  if ([x, w, b].some((t) => t !== undefined && t.dtype !== 'float32')) throw new TypeError('dense: x, w and b must be float32');
  if (tf.getKernel(Dense, tf.getBackend()) !== undefined) {
    return tf.engine().runKernel(Dense, b === undefined ? { x, w } : { x, w, b }, { activation, hasBias: b !== undefined }) as tf.Tensor2D;
  }
  return tf.tidy(() => activations[activation](b === undefined ? tf.matMul(x, w) : tf.add(tf.matMul(x, w), b)));
}
