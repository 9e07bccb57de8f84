import * as tf from '@tensorflow/tfjs-core';
import { patchEngineMethod, tfjsEngineMethod, unpatchEngineMethod } from './engine-method-patch';

/** The part of tfjs-core 4.22's engine that saves tensors for a gradient. */
interface EngineInternals {
  state: { gradientDepth: number; tensorInfo: WeakMap<tf.DataId, { backend: tf.KernelBackend }> };
  saveTensorsForBackwardMode(tensors: tf.Tensor[]): tf.Tensor[];
  makeTensorFromTensorInfo(info: tf.TensorInfo, backend?: tf.KernelBackend): tf.Tensor;
  keep<T extends tf.Tensor>(t: T): T;
}


/**
 * Saves the tensors a kernel's gradient needs as new handles on the same buffers, with no kernel run and
 * no tape node. tfjs-core 4.22 clones each (an Identity op and a tape node whose gradient links the copy
 * to its original); the link matters only when the backward pass is itself recorded, i.e. when the ops
 * run under two or more gradient tapes (gradientDepth > 1), and there tfjs's own clone is kept, as on
 * backends other than wasm. 547 of the 1979 kernel calls of an rk4 training step were these clones.
 */
function saveShared(this: EngineInternals, tensors: tf.Tensor[]): tf.Tensor[] {
  if (this.state.gradientDepth > 1 || tf.getBackend() !== 'wasm') return tfjsEngineMethod<EngineInternals['saveTensorsForBackwardMode']>(this, 'saveTensorsForBackwardMode').call(this, tensors);
  return tensors.map((tensor) => {
    const { backend } = this.state.tensorInfo.get(tensor.dataId)!;
    backend.incRef(tensor.dataId);
    return this.keep(this.makeTensorFromTensorInfo({ dataId: tensor.dataId, shape: tensor.shape, dtype: tensor.dtype }, backend));
  });
}

/** Installs saveShared on tfjs's engine (idempotent). */
export function installSharedSaves(): void {
  patchEngineMethod('saveTensorsForBackwardMode', saveShared);
}

/** Puts tfjs's own saveTensorsForBackwardMode back. */
export function uninstallSharedSaves(): void {
  unpatchEngineMethod('saveTensorsForBackwardMode');
}
