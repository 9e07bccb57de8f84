import * as tf from '@tensorflow/tfjs-core';
import { denseGradConfig } from './gradients/dense-grad';
import { explicitTransposeMatMulGrad } from './gradients/batch-mat-mul-grad';
import { fastTanhGrad } from './gradients/tanh-grad';
import { activationGradWasmConfig } from './kernels/activation-grad-wasm';
import { concatWasmConfig, sliceWasmConfig, splitVWasmConfig } from './kernels/copy-kernels-wasm';
import { denseBackpropWasmConfig } from './kernels/dense-backprop-wasm';
import { denseWasmConfig } from './kernels/dense-wasm';
import { rememberReplacedKernel } from './kernels/replaced-kernels';
import { sharedIdentityWasmConfig } from './kernels/shared-identity-wasm';
import { tanhWasmConfig } from './kernels/tanh-wasm';
import { assertSupportedTfjs } from './tfjs-version';
import { compileSimdKernels, simdKernels } from './wasm/simd-kernels';
import { wasmBackend } from './wasm/wasm-backend-internals';

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
];
const wasmGradients: { kernelName: string; gradFunc: tf.GradFunc }[] = [
  { kernelName: tf.Tanh, gradFunc: fastTanhGrad },
  { kernelName: tf.BatchMatMul, gradFunc: explicitTransposeMatMulGrad },
];

/** What install replaced, to put back on uninstall. */
let replaced: { kernels: (tf.KernelConfig | undefined)[]; gradients: tf.GradConfig[] } | undefined;

/**
 * Installs the fast kernels on the started wasm backend: a SIMD tanh and tanh gradient, the fused dense
 * layer (`dense`) with its one-kernel gradient, a buffer-sharing Identity, Slice/SplitV/Concat as block
 * copies in WebAssembly, and a matMul gradient without transpose flags. Same values as tfjs's kernels
 * to a few ulp (tanh) or exactly. Gradients on other backends are untouched. Idempotent; throws UnsupportedTfjsVersionError on a tfjs-core other than 4.22.0.
 * `useBestBackend()` of @tfode/ode-core calls this when it picks wasm.
 */
export async function installFastKernels(): Promise<void> {
  if (replaced !== undefined) return;
  assertSupportedTfjs();
  const backend = wasmBackend();
  await compileSimdKernels();
  simdKernels(backend);
  if (replaced !== undefined) return;
  const kernels = wasmKernels.map((config) => {
    const previous = tf.getKernel(config.kernelName, 'wasm');
    if (previous !== undefined) {
      rememberReplacedKernel(config.kernelName, previous.kernelFunc);
      tf.unregisterKernel(config.kernelName, 'wasm');
    }
    tf.registerKernel(config);
    return previous;
  });
  const gradients = wasmGradients.map(({ kernelName, gradFunc }) => {
    const original = tf.getGradient(kernelName)!;
    tf.registerGradient({ ...original, gradFunc: (dy, saved, attrs) => (tf.getBackend() === 'wasm' ? gradFunc : original.gradFunc)(dy, saved, attrs) });
    return original;
  });
  if (tf.getGradient(denseGradConfig.kernelName) === undefined) tf.registerGradient(denseGradConfig);
  replaced = { kernels, gradients };
}

/** Puts tfjs's own kernels and gradients back (for comparisons of the fast path against tfjs's). */
export function uninstallFastKernels(): void {
  if (replaced === undefined) return;
  wasmKernels.forEach((config, i) => {
    tf.unregisterKernel(config.kernelName, 'wasm');
    const previous = replaced!.kernels[i];
    // Its setup ran when the backend started; registering it again does not run it twice.
    if (previous !== undefined) tf.registerKernel(previous);
  });
  replaced.gradients.forEach((original) => tf.registerGradient(original));
  replaced = undefined;
}

/** Whether installFastKernels is in force. */
export function fastKernelsInstalled(): boolean {
  return replaced !== undefined;
}
