import * as tf from '@tensorflow/tfjs-core';

/** The part of tfjs-core 4.22's engine state that tells whether ops are being recorded for a gradient. */
interface EngineState {
  state: { gradientDepth: number; kernelDepth: number };
}

/**
 * Whether tfjs is recording ops for a gradient right now (outside any kernel). A gradient function that
 * runs while it is, is itself being differentiated: the backward pass of an inner tf.grad inside the f of
 * an outer one. The fused kernels' gradients have no gradient of their own, so they hand such calls to
 * differentiable tfjs ops.
 */
export function isRecordingGradients(): boolean {
  const { gradientDepth, kernelDepth } = (tf.engine() as unknown as EngineState).state;
  return gradientDepth > 0 && kernelDepth === 0;
}

/**
 * How many gradient tapes record the ops run now: 2 or more inside nested tf.grad calls, whose inner
 * backward pass the outer tape records.
 */
export function gradientTapeDepth(): number {
  return (tf.engine() as unknown as EngineState).state.gradientDepth;
}
