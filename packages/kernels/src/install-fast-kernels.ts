import * as tf from '@tensorflow/tfjs-core';
import { denseGradConfig } from './gradients/dense-grad';
import { denseLayersGradConfig } from './gradients/dense-layers-grad';
import { flatRowGradConfig } from './gradients/flat-row-grad';
import { explicitTransposeMatMulGrad } from './gradients/batch-mat-mul-grad';
import { patches3x3BackpropGradConfig, patches3x3GradConfig } from './gradients/patches-grad';
import { fastTanhGrad } from './gradients/tanh-grad';
import { weightedSumBackpropGradConfig, weightedSumGradConfig } from './gradients/weighted-sum-grad';
import { activationGradWasmConfig } from './kernels/activation-grad-wasm';
import { adamUpdateWasmConfig } from './kernels/adam-update-wasm';
import { concatWasmConfig, sliceWasmConfig, splitVWasmConfig } from './kernels/copy-kernels-wasm';
import { conv2dBackpropFilterWasmConfig } from './kernels/conv2d-backprop-filter-wasm';
import { denseBackpropWasmConfig } from './kernels/dense-backprop-wasm';
import { denseWasmConfig } from './kernels/dense-wasm';
import { denseLayersBackpropWasmConfig } from './kernels/dense-layers-backprop-wasm';
import { denseLayersWasmConfig } from './kernels/dense-layers-wasm';
import { errorSquaresWasmConfig } from './kernels/error-squares-wasm';
import { flatRowWasmConfig } from './kernels/flat-row-wasm';
import { patches3x3BackpropWasmConfig, patches3x3WasmConfig } from './kernels/patches-wasm';
import { weightedSumBackpropWasmConfig, weightedSumWasmConfig } from './kernels/weighted-sum-wasm';
import { rememberReplacedKernel } from './kernels/replaced-kernels';
import { sharedIdentityWasmConfig } from './kernels/shared-identity-wasm';
import { tanhWasmConfig } from './kernels/tanh-wasm';
import { installFusedAdam, uninstallFusedAdam } from './adam-update';
import { isRecordingGradients } from './engine-state';
import { installSharedSaves, uninstallSharedSaves } from './engine-saved-tensors';
import { installInPlaceGradientSums, uninstallInPlaceGradientSums } from './engine-gradients';
import { installTapeAttrs, uninstallTapeAttrs } from './engine-tape-attrs';
import { assertSupportedTfjs } from './tfjs-version';
import { freeScratch, inScratchScope } from './wasm/scratch-buffers';
import { compileSimdKernels, simdKernels } from './wasm/simd-kernels';
import { wasmBackend, type WasmBackend } from './wasm/wasm-backend-internals';

// The one registration list: kernels for wasm (new ones, and replacements of tfjs-backend-wasm 4.22's),
// and gradient replacements that take the fast path while wasm is the active backend.
const wasmKernels: tf.KernelConfig[] = [
  tanhWasmConfig,
  sharedIdentityWasmConfig,
  sliceWasmConfig,
  splitVWasmConfig,
  concatWasmConfig,
  activationGradWasmConfig,
  denseWasmConfig,
  denseBackpropWasmConfig,
  denseLayersWasmConfig,
  denseLayersBackpropWasmConfig,
  patches3x3WasmConfig,
  patches3x3BackpropWasmConfig,
  conv2dBackpropFilterWasmConfig,
  weightedSumWasmConfig,
  weightedSumBackpropWasmConfig,
  flatRowWasmConfig,
  errorSquaresWasmConfig,
  adamUpdateWasmConfig,
];
// Gradients of the kernels this package adds (registered once, used wherever those kernels run).
const addedGradients: tf.GradConfig[] = [
  denseGradConfig,
  denseLayersGradConfig,
  patches3x3GradConfig,
  patches3x3BackpropGradConfig,
  weightedSumGradConfig,
  weightedSumBackpropGradConfig,
  flatRowGradConfig,
];
const wasmGradients: { kernelName: string; gradFunc: tf.GradFunc }[] = [
  { kernelName: tf.Tanh, gradFunc: fastTanhGrad },
  { kernelName: tf.BatchMatMul, gradFunc: explicitTransposeMatMulGrad },
];

/** What install replaced, to put back on uninstall. */
interface Replaced {
  kernels: (tf.KernelConfig | undefined)[];
  gradients: tf.GradConfig[];
}

// Kept on the global object, like tfjs's own registries: two copies of this package in one process
// (a bundle and a dependency, or source and build) see one installation, never patch each other.
const installation = Symbol.for('@tfode/kernels installation');
const global = globalThis as { [installation]?: Replaced };

/**
 * Installs the fast kernels on the started wasm backend: a SIMD tanh and tanh gradient, the fused dense
 * layer (`dense`) and chain of layers (`denseLayers`), each with a one-kernel gradient, a buffer-sharing Identity, Slice/SplitV/Concat as block
 * copies in WebAssembly, 3×3 patches (im2col) and their gradient as one kernel each, the conv2d filter
 * gradient that tfjs-backend-wasm lacks, `weightedSum` as one kernel each way, `flatRow` as one copy kernel, an adaptive solver's error measure as one kernel (`errorSquares`), a matMul gradient
 * without transpose flags, gradient sums taken in place with the backward kernels of `denseLayers` and `weightedSum` run straight on the backend (engine-gradients), and tf.train.adam's update as one kernel per variable (adam-update). Same values as tfjs's kernels to a few ulp (tanh) or exactly. Gradients on
 * other backends are untouched. Idempotent; throws UnsupportedTfjsVersionError on a tfjs-core other
 * than 4.22.0. `useBestBackend()` of @tfode/ode-core calls this when it picks wasm.
 */
export async function installFastKernels(): Promise<void> {
  if (global[installation] !== undefined) return;
  assertSupportedTfjs();
  const backend = wasmBackend();
  await compileSimdKernels();
  simdKernels(backend);
  if (global[installation] !== undefined) return;
  const kernels = wasmKernels.map((config) => {
    const previous = tf.getKernel(config.kernelName, 'wasm');
    if (previous !== undefined) {
      rememberReplacedKernel(config.kernelName, previous.kernelFunc);
      tf.unregisterKernel(config.kernelName, 'wasm');
    }
    // every temporary a kernel takes from the scratch pool is free again when the call ends, also when it throws
    tf.registerKernel({ ...config, kernelFunc: inScratchScope(config.kernelFunc) });
    return previous;
  });
  const gradients = wasmGradients.map(({ kernelName, gradFunc }) => {
    const original = tf.getGradient(kernelName)!;
    // tfjs's own gradient where it is itself differentiated: it is made of differentiable ops.
    const fast = () => tf.getBackend() === 'wasm' && !isRecordingGradients();
    tf.registerGradient({ ...original, gradFunc: (dy, saved, attrs) => (fast() ? gradFunc : original.gradFunc)(dy, saved, attrs) });
    return original;
  });
  addedGradients.forEach((config) => tf.getGradient(config.kernelName) ?? tf.registerGradient(config));
  installSharedSaves();
  installTapeAttrs();
  installInPlaceGradientSums();
  installFusedAdam();
  global[installation] = { kernels, gradients };
}

/** Puts tfjs's own kernels and gradients back (for comparisons of the fast path against tfjs's). */
export function uninstallFastKernels(): void {
  const replaced = global[installation];
  if (replaced === undefined) return;
  wasmKernels.forEach((config, i) => {
    tf.unregisterKernel(config.kernelName, 'wasm');
    const previous = replaced.kernels[i];
    // Its setup ran when the backend started; registering it again does not run it twice.
    if (previous !== undefined) tf.registerKernel(previous);
  });
  replaced.gradients.forEach((original) => tf.registerGradient(original));
  const started = tf.findBackend('wasm');
  if (started !== null) freeScratch(started as WasmBackend);
  uninstallSharedSaves();
  uninstallTapeAttrs();
  uninstallInPlaceGradientSums();
  uninstallFusedAdam();
  delete global[installation];
}

/** Whether installFastKernels is in force. */
export function fastKernelsInstalled(): boolean {
  return global[installation] !== undefined;
}
