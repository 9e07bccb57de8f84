import * as tf from '@tensorflow/tfjs-core';
import { FlatRow } from '../kernels/kernel-names';
import { numbered } from '../kernels/numbered-inputs';

/**
 * The values of `tensors` (float32, any shapes) one after another as one row [1, Σ size]: one kernel
 * where the fast kernels are installed (wasm), tfjs's reshapes and concat elsewhere. Differentiable.
 * A parameter gradient as one row, per evaluation of an adjoint's backward field, without a Reshape op
 * per parameter.
 */
export function flatRow(tensors: tf.Tensor[]): tf.Tensor2D {
  if (!Array.isArray(tensors)) throw new TypeError('flatRow: give an array of tensors');
  if (tensors.length === 0) throw new RangeError('flatRow: needs at least one tensor');
  if (tensors.some((t) => !(t instanceof tf.Tensor) || t.dtype !== 'float32')) throw new TypeError('flatRow: every input must be a float32 tensor');
  if (tf.getKernel(FlatRow, tf.getBackend()) !== undefined) {
    return tf.engine().runKernel(FlatRow, numbered(tensors), { shapes: tensors.map((t) => t.shape) } as unknown as tf.NamedAttrMap) as tf.Tensor2D;
  }
  return tf.tidy(() => (tensors.length === 1 ? tf.reshape(tensors[0], [1, tensors[0].size]) : tf.concat(tensors.map((t) => tf.reshape(t, [1, t.size])), 1)));
}
