import * as tf from '@tensorflow/tfjs-core';
import { Dense, DenseBackpropBias, DenseBackpropFilter, DenseBackpropInput, type ActivationAttrs } from '../kernels/kernel-names';

/** The gradient of act(x·w + b): one kernel per input, each folding act′ in (no second-order gradient). */
export const denseGradConfig: tf.GradConfig = {
  kernelName: Dense,
  inputsToSave: ['x', 'w'],
  outputsToSave: [true],
  gradFunc: (dy, saved, attrs) => {
    const [x, w, y] = saved;
    const { activation } = attrs as unknown as ActivationAttrs;
    const run = (kernel: string, inputs: tf.NamedTensorMap) => tf.engine().runKernel(kernel, inputs, { activation }) as tf.Tensor;
    return {
      x: () => run(DenseBackpropInput, { dy: dy as tf.Tensor, y, w }),
      w: () => run(DenseBackpropFilter, { dy: dy as tf.Tensor, y, x }),
      b: () => run(DenseBackpropBias, { dy: dy as tf.Tensor, y }),
    };
  },
};
