import * as tf from '@tensorflow/tfjs-core';

// tfjs-backend-wasm's own kernels that a fast kernel replaced, by name: a fast kernel hands the cases
// it does not cover (strings, bools, deep strided layouts) back to them. Filled by installFastKernels.
const replaced = new Map<string, tf.KernelFunc>();

export function rememberReplacedKernel(name: string, kernelFunc: tf.KernelFunc): void {
  replaced.set(name, kernelFunc);
}

/** Runs the backend's own kernel that `name`'s fast kernel replaced. */
export function runReplacedKernel(name: string, args: Parameters<tf.KernelFunc>[0]): ReturnType<tf.KernelFunc> {
  const kernelFunc = replaced.get(name);
  if (kernelFunc === undefined) throw new Error(`no wasm kernel ${name} to fall back to`);
  return kernelFunc(args);
}
