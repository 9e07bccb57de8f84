import * as tf from '@tensorflow/tfjs-core';
import { ConvBlock } from '@tfode/ncode';
import { median, timeRepeats } from '../runtime/timing';

export interface ConvFieldShape {
  batch: number;
  height: number;
  width: number;
  /** Channels of the state (the image's own plus augmentation). */
  channels: number;
  /** The hidden width k of the 1×1 → 3×3 → 1×1 field. */
  filters: number;
}

export interface ConvFieldTiming {
  forwardMs: number;
  forwardBackwardMs: number;
}

/**
 * One evaluation of the N-CODE App C.2 conv field alone, forward and forward + backward (the gradient
 * of Σf with respect to its weights and input), each ending with a read-back: the median of `repeats`
 * after `warmup`, as `peers/torch_conv_field.py` times the same field in torch.
 */
export function timeConvField(shape: ConvFieldShape, seed: number, warmup: number, repeats: number): ConvFieldTiming {
  const x = tf.tidy(() => tf.variable(tf.randomNormal([shape.batch, shape.height, shape.width, shape.channels], 0, 1, 'float32', seed)));
  let block: ConvBlock | undefined;
  const forward = () => {
    const y = block!.apply(x);
    y.dataSync();
    y.dispose();
  };
  const forwardBackward = () => {
    const { value, grads } = tf.variableGrads(() => tf.sum(block!.apply(x)), [...block!.variables, x]);
    value.dataSync();
    tf.dispose([value, ...Object.values(grads)]);
  };
  const timed = (action: () => void) => {
    timeRepeats(warmup, action);
    return median(timeRepeats(repeats, action));
  };
  try {
    block = new ConvBlock(shape.channels, shape.filters, { seed });
    return { forwardMs: timed(forward), forwardBackwardMs: timed(forwardBackward) };
  } finally {
    block?.dispose();
    x.dispose();
  }
}
