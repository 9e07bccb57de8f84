import * as tf from '@tensorflow/tfjs-core';
import { FlatRow, type FlatRowAttrs } from '../kernels/kernel-names';
import { numbered } from '../kernels/numbered-inputs';

/** The gradient of flatRow: dy split back into the inputs' sizes and shapes (tfjs ops, differentiable again). */
export const flatRowGradConfig: tf.GradConfig = {
  kernelName: FlatRow,
  gradFunc: (dy, _saved, attrs) => {
    const { shapes } = attrs as unknown as FlatRowAttrs;
    const pieces = tf.split(dy as tf.Tensor, shapes.map((shape) => tf.util.sizeFromShape(shape)), 1);
    return numbered(pieces.map((piece, i) => () => tf.reshape(piece, shapes[i])));
  },
};
