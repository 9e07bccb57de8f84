import * as tf from '@tensorflow/tfjs-core';
import { assertSupportedTfjs, supportedTfjsVersion } from './tfjs-version';
import { disposeAll } from './dispose-all';

/**
 * The engine patch on tfjs's gradient tape (`engine.state.activeTape`, `engine.gradients`), written
 * against @tensorflow/tfjs-core 4.22.0 and checked against it once, when first used.
 *
 * tfjs records ops onto `engine.state.activeTape` while `gradientDepth > 0` outside kernels; each node
 * keeps clones of the tensors its gradient needs (`saved`), which are freed only when the outermost
 * gradient computation finishes. A gradient computed inside a tf.customGrad gradient function runs
 * while the outer tf.grads is still walking its tape. In tfjs 4.22 the inner call replaces
 * `engine.state.activeTape` and, when it finishes, sets it to null: the outer call then crashes (or
 * leaks the tensors its tape saved). Saving and restoring the outer tape around the inner call keeps
 * both correct.
 */
interface TapeNode {
  saved?: tf.Tensor[];
}

interface EngineInternals {
  state: { activeTape: TapeNode[] | null; gradientDepth: number };
  gradients(
    f: () => tf.Tensor,
    xs: tf.Tensor[],
    dy?: tf.Tensor,
    allowNoGradients?: boolean,
  ): { value: tf.Tensor; grads: (tf.Tensor | undefined)[] };
}

let versionChecked = false;

/** tfjs's engine seen through the 4.22 internals this patch touches; throws UnsupportedTfjsVersionError on another release. */
function engine(): EngineInternals {
  if (!versionChecked) {
    assertSupportedTfjs(
      tf.version_core,
      `install @tensorflow/tfjs-core@${supportedTfjsVersion}: the engine-tape patch (the gradients of @tfode/adjoint) swaps its gradient tape`,
    );
    versionChecked = true;
  }
  return tf.engine() as unknown as EngineInternals;
}

/** Frees what tape nodes saved for a backward pass that will not come. */
const freeSaved = (nodes: TapeNode[]) => {
  for (const node of nodes) disposeAll(node.saved ?? []);
};

/**
 * The vector–Jacobian product dyᵀ·∂f/∂xs of a tensor-valued f, safe to call from inside a gradient
 * function. Inputs that f does not depend on get zeros (tf.grads would throw). Also returns f's value.
 */
export function isolatedVjp(f: () => tf.Tensor, xs: tf.Tensor[], dy: tf.Tensor): { value: tf.Tensor; grads: tf.Tensor[] } {
  const internals = engine();
  const { state } = internals;
  const outerTape = state.activeTape;
  try {
    const { value, grads } = internals.gradients(f, xs, dy, true);
    return { value, grads: grads.map((g, i) => g ?? tf.zerosLike(xs[i])) };
  } catch (error) {
    if (state.activeTape && state.activeTape !== outerTape) freeSaved(state.activeTape); // f threw: its own tape is dead
    throw error;
  } finally {
    state.activeTape = outerTape;
  }
}

/**
 * Runs fn; when it throws, removes from the active tape the nodes fn recorded and frees the tensors
 * they saved. Nothing can differentiate the result of a call that threw, and tfjs frees saved tensors
 * only when a gradient computation finishes, so a failed call inside optimizer.minimize would
 * otherwise keep them for good.
 */
export function releaseTapeOnFailure<T>(fn: () => T): T {
  const { state } = engine();
  const tape = state.activeTape;
  const recorded = tape?.length ?? 0;
  try {
    return fn();
  } catch (error) {
    if (tape && state.activeTape === tape) freeSaved(tape.splice(recorded));
    throw error;
  }
}

/**
 * Runs the body of a gradient function that tfjs's backward pass calls directly; when it throws
 * outside any recording, that backward pass ends with the error and its tape is dead: frees what the
 * tape's nodes saved and drops it, as tfjs does when a gradient computation finishes. So a backward
 * pass that fails inside optimizer.minimize leaves nothing behind either.
 */
export function releaseTapeOnBackwardFailure<T>(fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    const { state } = engine();
    if (state.gradientDepth === 0 && state.activeTape) {
      freeSaved(state.activeTape);
      state.activeTape = null;
    }
    throw error;
  }
}
