import * as tf from '@tensorflow/tfjs-core';

/**
 * The one place that touches tfjs engine internals (checked against @tensorflow/tfjs-core 4.22).
 *
 * A gradient computed inside a tf.customGrad gradient function runs while the outer tf.grads is
 * still walking its tape. In tfjs 4.22 the inner call replaces `engine.state.activeTape` and, when
 * it finishes, sets it to null: the outer call then crashes (or leaks the tensors its tape saved).
 * Saving and restoring the outer tape around the inner call keeps both correct.
 */
interface EngineInternals {
  state: { activeTape: unknown };
  gradients(
    f: () => tf.Tensor,
    xs: tf.Tensor[],
    dy?: tf.Tensor,
    allowNoGradients?: boolean,
  ): { value: tf.Tensor; grads: (tf.Tensor | undefined)[] };
}

/**
 * The vector–Jacobian product dyᵀ·∂f/∂xs of a tensor-valued f, safe to call from inside a gradient
 * function. Inputs that f does not depend on get zeros (tf.grads would throw). Also returns f's value.
 */
export function isolatedVjp(f: () => tf.Tensor, xs: tf.Tensor[], dy: tf.Tensor): { value: tf.Tensor; grads: tf.Tensor[] } {
  const engine = tf.engine() as unknown as EngineInternals;
  const outerTape = engine.state.activeTape;
  try {
    const { value, grads } = engine.gradients(f, xs, dy, true);
    return { value, grads: grads.map((g, i) => g ?? tf.zerosLike(xs[i])) };
  } finally {
    engine.state.activeTape = outerTape;
  }
}
