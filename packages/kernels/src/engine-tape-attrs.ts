import type * as tf from '@tensorflow/tfjs-core';
import { patchEngineMethod, tfjsEngineMethod, unpatchEngineMethod } from './engine-method-patch';

/** A node of tfjs-core 4.22's gradient tape, with the attributes of the kernel call it records. */
export interface TapeNodeWithAttrs {
  attrs?: tf.NamedAttrMap;
}

/** The part of tfjs-core 4.22's engine that records a kernel call on the gradient tape. */
interface EngineInternals {
  state: { activeTape: TapeNodeWithAttrs[] | null };
  addTapeNode(kernelName: string, inputs: tf.NamedTensorMap, outputs: tf.Tensor[], gradientsFunc: unknown, saved: tf.Tensor[], attrs: tf.NamedAttrMap): void;
}

/**
 * tfjs-core 4.22's addTapeNode, and the node keeps its kernel call's attributes: tfjs hands them only to
 * the node's gradient closure, and the lean gradients of this package's kernels (gradients/lean-gradients)
 * need them to run the backward kernel themselves.
 */
function addTapeNodeWithAttrs(this: EngineInternals, ...args: Parameters<EngineInternals['addTapeNode']>): void {
  tfjsEngineMethod<EngineInternals['addTapeNode']>(this, 'addTapeNode').apply(this, args);
  const tape = this.state.activeTape!;
  tape[tape.length - 1].attrs = args[5];
}

/** Installs addTapeNodeWithAttrs on tfjs's engine (idempotent). */
export function installTapeAttrs(): void {
  patchEngineMethod('addTapeNode', addTapeNodeWithAttrs);
}

/** Puts tfjs's own addTapeNode back. */
export function uninstallTapeAttrs(): void {
  unpatchEngineMethod('addTapeNode');
}
