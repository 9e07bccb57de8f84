import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { uninstallFastKernels, installFastKernels } from './install-fast-kernels';
import { DenseLayersBackprop } from './kernels/kernel-names';
import { denseLayers } from './ops/dense-layers';
import { onBackend } from './test-support';
import { inScratchScope, pooledBytes, releaseScratch, scratch } from './wasm/scratch-buffers';
import { heapOffset, wasmBackend, type WasmBackend } from './wasm/wasm-backend-internals';

// The train-step field: [z, t] → 64 → 64 → 2, tanh, tanh, linear; a time column, a last layer narrower than a tile.
const sizes = [2, 64, 64, 2];

/** Σ c ⊙ MLP([x, t]) and its gradients in x and every weight, as arrays; `rows` rows. */
function fieldGradients(rows: number): number[][] {
  return tf.tidy(() => {
    const x = tf.randomNormal([rows, 2], 0, 1, 'float32', 1);
    const c = tf.randomNormal([rows, 2], 0, 1, 'float32', 2);
    const weights = [0, 1, 2].flatMap((i) => [tf.randomNormal([sizes[i] + (i === 0 ? 1 : 0), sizes[i + 1]], 0, 0.4, 'float32', 10 + i), tf.randomNormal([sizes[i + 1]], 0, 0.2, 'float32', 20 + i)]);
    const loss = (...args: tf.Tensor[]) => {
      const layers = [0, 1, 2].map((i) => ({ w: args[1 + 2 * i] as tf.Tensor2D, b: args[2 + 2 * i] as tf.Tensor1D, activation: i < 2 ? ('tanh' as const) : ('linear' as const) }));
      return tf.sum(tf.mul(c, denseLayers(args[0] as tf.Tensor2D, layers, { time: 0.3 })));
    };
    return tf.grads(loss)([x, ...weights]).map((g) => Array.from(g.dataSync()));
  });
}

/** Runs fn counting the buffers the backend allocates inside the DenseLayersBackprop kernel, and the outputs it returns. */
function allocationsInBackprop<T>(fn: () => T): { result: T; allocated: number; outputs: number } {
  const wasm = wasmBackend();
  const config = tf.getKernel(DenseLayersBackprop, 'wasm')!;
  const makeOutput = wasm.makeOutput;
  let [inKernel, allocated, outputs] = [false, 0, 0];
  wasm.makeOutput = (shape, dtype) => {
    if (inKernel) allocated++;
    return makeOutput.call(wasm, shape, dtype);
  };
  tf.unregisterKernel(DenseLayersBackprop, 'wasm');
  tf.registerKernel({
    ...config,
    kernelFunc: (args) => {
      inKernel = true;
      try {
        const out = config.kernelFunc(args) as tf.TensorInfo[];
        outputs += out.length;
        return out;
      } finally {
        inKernel = false;
      }
    },
  });
  try {
    return { result: fn(), allocated, outputs };
  } finally {
    wasm.makeOutput = makeOutput;
    tf.unregisterKernel(DenseLayersBackprop, 'wasm');
    tf.registerKernel(config);
  }
}

describe('scratch buffers of the fast kernels', () => {
  it('a chain of layers’ gradient allocates only its outputs; its temporaries come from a pool that stops growing', async () => {
    await onBackend('wasm', true, () => {
      const first = fieldGradients(256);
      const bytes = pooledBytes(wasmBackend());
      expect(bytes).toBeGreaterThan(0);
      const { result: again, allocated, outputs } = allocationsInBackprop(() => fieldGradients(256));
      expect(outputs).toBe(7); // ∂x, then ∂w and ∂b of three layers
      expect(allocated).toBe(outputs);
      expect(pooledBytes(wasmBackend())).toBe(bytes);
      // blocks reused, holding what other shapes left there, give the same bits
      fieldGradients(37);
      expect(fieldGradients(256)).toEqual(first);
      expect(again).toEqual(first);
    });
  });

  it('keeps its blocks out of the backend’s tensor table, and frees them on uninstall', async () => {
    await onBackend('wasm', true, async () => {
      const wasm = wasmBackend();
      uninstallFastKernels();
      await installFastKernels();
      const ids = wasm.numDataIds();
      const tensors = tf.memory().numTensors;
      fieldGradients(256);
      expect(wasm.numDataIds()).toBe(ids);
      expect(tf.memory().numTensors).toBe(tensors);
      expect(pooledBytes(wasm)).toBeGreaterThan(0);
      uninstallFastKernels();
      expect(pooledBytes(wasm)).toBe(0);
    });
  });

  it('gives every block back when a kernel throws, and an inner kernel call does not free the outer call’s', async () => {
    await onBackend('wasm', true, () => {
      const wasm = wasmBackend();
      const backend = wasm as tf.KernelBackend;
      const offset = (t: tf.TensorInfo) => heapOffset(wasm, t);
      let [held, taken, after] = [0, 0, 0];
      const inner = inScratchScope(() => {
        const block = scratch(wasm, [1000]);
        taken = offset(block);
        releaseScratch(wasm, block);
        return [];
      });
      const outer = inScratchScope(({ attrs }) => {
        held = offset(scratch(wasm, [1000]));
        inner({ inputs: {}, backend, attrs: {} });
        after = offset(scratch(wasm, [1000]));
        if (attrs?.fail) throw new Error('a kernel that fails'); // with both blocks still taken
        return [];
      });
      outer({ inputs: {}, backend, attrs: {} });
      expect(after).toBe(taken); // the inner call's block, given back
      expect(after).not.toBe(held); // the outer call's, still held after the inner call ended
      const bytes = pooledBytes(wasm);
      expect(() => outer({ inputs: {}, backend, attrs: { fail: true } })).toThrow('a kernel that fails');
      expect(() => outer({ inputs: {}, backend, attrs: { fail: true } })).toThrow('a kernel that fails');
      outer({ inputs: {}, backend, attrs: {} });
      expect(pooledBytes(wasm)).toBe(bytes);
    });
  });

  it('allocates and frees a temporary above 1 MiB as a backend buffer, not kept', async () => {
    await onBackend('wasm', true, () => {
      const wasm: WasmBackend = wasmBackend();
      const [ids, bytes] = [wasm.numDataIds(), pooledBytes(wasm)];
      const large = scratch(wasm, [(1 << 18) + 1]);
      expect(wasm.numDataIds()).toBe(ids + 1);
      releaseScratch(wasm, large);
      expect(wasm.numDataIds()).toBe(ids);
      expect(pooledBytes(wasm)).toBe(bytes);
    });
  });
});
