import * as tf from '@tensorflow/tfjs-core';

/** The tfjs-core release the engine patches were written against: they reach into its engine and the wasm backend's heap. */
export const supportedTfjsVersion = '4.22.0';

/** A patch refused to install on a tfjs-core release it was not written for. */
export class UnsupportedTfjsVersionError extends Error {
  override name = 'UnsupportedTfjsVersionError';
}

/**
 * Throws UnsupportedTfjsVersionError unless `version` (this process's by default) is the tfjs-core release
 * the patches were written for; `remedy` says what the caller can do instead (the fast kernels' by default).
 */
export function assertSupportedTfjs(
  version: string = tf.version_core,
  remedy = `install @tensorflow/tfjs-core@${supportedTfjsVersion} (and the same tfjs-backend-wasm), or run without the fast kernels`,
): void {
  if (version !== supportedTfjsVersion) {
    throw new UnsupportedTfjsVersionError(
      `@tfode/kernels was written for @tensorflow/tfjs-core ${supportedTfjsVersion} and this process runs ${version}: ${remedy}`,
    );
  }
}
