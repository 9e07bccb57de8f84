import * as tf from '@tensorflow/tfjs-core';
import { denseLayers } from '@tfode/kernels';

/** An autonomous MLP vector field f(t, y) = MLP(y) (t unused) with seeded weights; dispose when done. */
export interface MlpField {
  field: (t: number, y: tf.Tensor2D) => tf.Tensor2D;
  /** Widths, input to output, e.g. [2, 64, 64, 2]. */
  widths: number[];
  dispose(): void;
}

/**
 * tanh MLP with Glorot-uniform weights and zero biases drawn from `seed`: tanh after every layer
 * but the last, as the papers' small vector fields.
 */
export function mlpField(widths: number[], seed: number): MlpField {
  if (widths.length < 2 || widths.some((width) => !Number.isInteger(width) || width < 1)) {
    throw new Error(`MLP widths must be at least two positive integers, got [${widths.join(', ')}]`);
  }
  const count = widths.length - 1;
  const layers = widths.slice(1).map((fanOut, index) => {
    const fanIn = widths[index];
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    return {
      w: tf.randomUniform([fanIn, fanOut], -limit, limit, 'float32', seed + index) as tf.Tensor2D,
      b: tf.zeros([fanOut]) as tf.Tensor1D,
      activation: index < count - 1 ? ('tanh' as const) : ('linear' as const),
    };
  });
  const field = (_t: number, y: tf.Tensor2D): tf.Tensor2D => denseLayers(y, layers);
  return { field, widths, dispose: () => layers.forEach(({ w, b }) => tf.dispose([w, b])) };
}
