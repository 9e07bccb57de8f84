import { copyFloats, simdKernels } from './simd-kernels';
import { releaseScratch, scratch } from './scratch-buffers';
import { heapOffset, type WasmBackend } from './wasm-backend-internals';

/** Values per block of the SIMD tanh. */
const block = 16;

/**
 * y[i] = tanh(x[i]) for n float32 values at byte offsets x and y of the wasm heap (in place when x = y):
 * whole blocks of 16 in place, and the last n % 16 values through a zero-padded block of scratch.
 */
export function simdTanh(wasm: WasmBackend, x: number, y: number, n: number): void {
  const kernels = simdKernels(wasm);
  const whole = Math.floor(n / block);
  kernels.tanh16(x, y, whole);
  const rest = n - whole * block;
  if (rest === 0) return;
  const padded = scratch(wasm, [block]);
  const pad = heapOffset(wasm, padded);
  const done = 4 * whole * block;
  kernels.zero(pad, 4 * block);
  copyFloats(kernels, x + done, pad, rest);
  kernels.tanh16(pad, pad, 1);
  copyFloats(kernels, pad, y + done, rest);
  releaseScratch(wasm, padded);
}
