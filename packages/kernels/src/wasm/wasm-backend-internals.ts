import * as tf from '@tensorflow/tfjs-core';
import { UnsupportedTfjsVersionError } from '../tfjs-version';

/** The parts of tfjs-backend-wasm 4.22's BackendWasm that the kernels use: its heap and its tensor table. */
export interface WasmBackend extends tf.KernelBackend {
  dataIdMap: { get(dataId: tf.DataId): { memoryOffset: number } | undefined };
  /** The heap: exported as asm.memory by the single-threaded builds, kept as wasmMemory by the threaded one. */
  wasm: { asm: { memory?: WebAssembly.Memory }; wasmMemory?: WebAssembly.Memory; _malloc(bytes: number): number; _free(offset: number): void };
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  incRef(dataId: tf.DataId): void;
  /** How many tensors share the buffer of dataId. */
  refCount(dataId: tf.DataId): number;
}

/** The started wasm backend, checked to have the layout the kernels were written for. */
export function wasmBackend(): WasmBackend {
  const backend = tf.findBackend('wasm') as Partial<WasmBackend> | null;
  if (backend === null) throw new Error('the wasm backend has not started: await tf.setBackend("wasm") and tf.ready() first');
  if (!(heap(backend) instanceof WebAssembly.Memory) || typeof backend.dataIdMap?.get !== 'function' || typeof backend.makeOutput !== 'function') {
    throw new UnsupportedTfjsVersionError('this tfjs-backend-wasm does not keep its heap and tensor table where release 4.22.0 does');
  }
  return backend as WasmBackend;
}

const heap = (backend: Partial<WasmBackend>) => backend.wasm?.asm?.memory ?? backend.wasm?.wasmMemory;

/** The backend's heap, the memory its tensors live in. */
export function wasmMemory(backend: WasmBackend): WebAssembly.Memory {
  return heap(backend)!;
}

/** Whether the backend is tfjs-backend-wasm's threaded build (its heap shared with XNNPACK's worker threads). */
export function isThreaded(backend: WasmBackend): boolean {
  return typeof SharedArrayBuffer !== 'undefined' && wasmMemory(backend).buffer instanceof SharedArrayBuffer;
}

/** The data id of a buffer outside the backend's tensor table (scratch-buffers): where it starts on the heap. */
export interface HeapBlockId {
  heapOffset: number;
}

/** Byte offset of a tensor's data (or of a scratch buffer) in the wasm heap. */
export function heapOffset(backend: WasmBackend, tensor: tf.TensorInfo): number {
  return (tensor.dataId as Partial<HeapBlockId>).heapOffset ?? backend.dataIdMap.get(tensor.dataId)!.memoryOffset;
}

/** A new float32 buffer of `shape` on the wasm heap, as the backend's own kernels make outputs. */
export function allocate(backend: WasmBackend, shape: number[]): tf.TensorInfo {
  return backend.makeOutput(shape, 'float32');
}

/** A new float32 tensor of `shape` on the wasm heap, its values not set: a buffer for a kernel to write into. */
export function unsetTensor(backend: WasmBackend, shape: number[]): tf.Tensor {
  return tf.engine().makeTensorFromTensorInfo(allocate(backend, shape), backend);
}
