import * as tf from '@tensorflow/tfjs-core';
import { copyFloats, simdKernels } from './simd-kernels';
import { allocate, heapOffset, type HeapBlockId, type WasmBackend } from './wasm-backend-internals';

/**
 * Buffers for a kernel's temporaries (a transposed weight, an activation's gradient, a layer's ∂input
 * inside a chain), kept on the wasm heap between kernel calls instead of allocated and freed each time.
 * One allocation and one free through tfjs-backend-wasm cost about 1.4 µs together (its tensor table,
 * malloc, and its C++ table): a training step of the train-step model made 480 such pairs.
 *
 * The buffers are blocks of the heap outside the backend's tensor table (so tfjs's check that a kernel
 * leaves no data ids behind holds), found by heapOffset through their data id. Taken in a kernel call
 * and given back in it (`releaseScratch`); everything the outermost call took is free again when it
 * ends, also when it throws (`inScratchScope`). Temporaries above `pooledFloats` are backend buffers
 * allocated and freed as before, so the pool holds a few blocks of at most 1 MiB each. A block holds
 * what its last user wrote: every user writes what it reads.
 */
interface Block {
  id: HeapBlockId;
  floats: number;
  taken: boolean;
}

interface Pool {
  blocks: Block[];
  depth: number;
}

/** The largest temporary kept between calls, in floats (1 MiB). */
const pooledFloats = 1 << 18;
// On the global object, like the installation: two copies of this package in one process (a bundle and a
// dependency) share one pool per backend, so whichever copy uninstalls frees every block.
const poolsKey = Symbol.for('@tfode/kernels scratch pools');
const global = globalThis as { [poolsKey]?: WeakMap<WasmBackend, Pool> };
const pools = (global[poolsKey] ??= new WeakMap<WasmBackend, Pool>());

function poolOf(wasm: WasmBackend): Pool {
  let pool = pools.get(wasm);
  if (pool === undefined) {
    pool = { blocks: [], depth: 0 };
    pools.set(wasm, pool);
  }
  return pool;
}

/** The smallest free block that fits; failing that, the largest free one (to be made big enough). */
function freeBlock(blocks: Block[], floats: number): Block | undefined {
  let chosen: Block | undefined;
  for (const block of blocks) {
    if (block.taken) continue;
    const better = chosen === undefined || (chosen.floats >= floats ? block.floats >= floats && block.floats < chosen.floats : block.floats > chosen.floats);
    if (better) chosen = block;
  }
  return chosen;
}

/** A new block of the heap for `floats` values (at least one); throws where the heap cannot grow, as malloc then answers 0. */
function heapBlock(wasm: WasmBackend, floats: number): number {
  const offset = wasm.wasm._malloc(4 * Math.max(floats, 1)) >>> 0;
  if (offset === 0) throw new RangeError(`the wasm heap has no room for a ${4 * floats}-byte scratch block`);
  return offset;
}

/** A float32 temporary of `shape`, its values not set: a pooled block when it is small enough. */
export function scratch(wasm: WasmBackend, shape: number[]): tf.TensorInfo {
  const floats = tf.util.sizeFromShape(shape);
  if (floats > pooledFloats) return allocate(wasm, shape);
  const { blocks } = poolOf(wasm);
  let block = freeBlock(blocks, floats);
  if (block === undefined) {
    block = { id: { heapOffset: heapBlock(wasm, floats) }, floats, taken: false };
    blocks.push(block);
  } else if (block.floats < floats) {
    const offset = heapBlock(wasm, floats); // before freeing the old one: a block is never left pointing at freed memory
    wasm.wasm._free(block.id.heapOffset);
    Object.assign(block, { id: { heapOffset: offset }, floats });
  }
  block.taken = true;
  return { dataId: block.id, shape, dtype: 'float32' };
}

/** `info` itself where it is a buffer of the backend's tensor table, else (a scratch block) a copy in a new backend buffer: for the backend's own kernels. */
export function inTensorTable(wasm: WasmBackend, info: tf.TensorInfo): tf.TensorInfo {
  if ((info.dataId as Partial<HeapBlockId>).heapOffset === undefined) return info;
  const copy = allocate(wasm, info.shape);
  copyFloats(simdKernels(wasm), heapOffset(wasm, info), heapOffset(wasm, copy), tf.util.sizeFromShape(info.shape));
  return copy;
}

/** Gives a temporary back: a pooled block to its pool, a backend buffer to the backend (freed). */
export function releaseScratch(wasm: WasmBackend, temporary: tf.TensorInfo): void {
  const block = pools.get(wasm)?.blocks.find(({ id }) => id === temporary.dataId);
  if (block === undefined) wasm.disposeData(temporary.dataId);
  else block.taken = false;
}

/** The kernel function run so that every block it took is free again when it returns or throws. */
export function inScratchScope(kernelFunc: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const pool = poolOf(args.backend as WasmBackend);
    pool.depth++;
    try {
      return kernelFunc(args);
    } finally {
      if (--pool.depth === 0) for (const block of pool.blocks) block.taken = false;
    }
  };
}

/** Frees the pool's blocks (the fast kernels uninstalled); a later kernel call starts a new pool. */
export function freeScratch(wasm: WasmBackend): void {
  pools.get(wasm)?.blocks.forEach(({ id }) => wasm.wasm._free(id.heapOffset));
  pools.delete(wasm);
}

/** The heap bytes the pool keeps (for tests). */
export const pooledBytes = (wasm: WasmBackend): number => (pools.get(wasm)?.blocks ?? []).reduce((bytes, { floats }) => bytes + 4 * floats, 0);
