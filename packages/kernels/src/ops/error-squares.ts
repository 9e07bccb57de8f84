import * as tf from '@tensorflow/tfjs-core';
import { ErrorSquares } from '../kernels/kernel-names';

/**
 * An adaptive solver's error measure as one kernel where the fast kernels are installed (wasm): for an
 * error estimate e of a step from y0 (|y0| given) to y1, all float32 of one shape, [|y1|, Σ (e /
 * (atol + rtol·max(|y0|, |y1|)))²], the sum a [1] tensor, with the bits of tfjs's Abs, Maximum,
 * Multiply, Add, RealDiv, Square and Sum ops. Undefined where the kernel is not installed: the caller
 * computes the measure with those ops. Not differentiable (a step size's control, read on the host).
 */
export function errorSquares(error: tf.Tensor, y0Abs: tf.Tensor, y1: tf.Tensor, rtol: number, atol: number): [tf.Tensor, tf.Tensor1D] | undefined {
  if (tf.getKernel(ErrorSquares, tf.getBackend()) === undefined) return undefined;
  if (![error, y0Abs, y1].every((t) => t instanceof tf.Tensor && t.dtype === 'float32')) throw new TypeError('errorSquares: error, y0Abs and y1 must be float32 tensors');
  if (!tf.util.arraysEqual(error.shape, y1.shape) || !tf.util.arraysEqual(y0Abs.shape, y1.shape)) {
    throw new RangeError(`errorSquares: error [${error.shape}], y0Abs [${y0Abs.shape}] and y1 [${y1.shape}] must have one shape`);
  }
  if (!Number.isFinite(rtol) || !Number.isFinite(atol)) throw new RangeError(`errorSquares: rtol and atol must be finite numbers, got ${rtol} and ${atol}`);
  return tf.engine().runKernel(ErrorSquares, { error, y0Abs, y1 }, { rtol, atol }) as [tf.Tensor, tf.Tensor1D];
}
