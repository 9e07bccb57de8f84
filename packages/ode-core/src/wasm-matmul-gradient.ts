import * as tf from '@tensorflow/tfjs-core';

const swapLastTwo = (x: tf.Tensor) => {
  const perm = x.shape.map((_, i) => i);
  [perm[perm.length - 2], perm[perm.length - 1]] = [perm[perm.length - 1], perm[perm.length - 2]];
  return tf.transpose(x, perm);
};

/** x, or xᵀ over the last two axes, materialised so that matMul never gets a transpose flag. */
const maybeT = (x: tf.Tensor, transpose: boolean) => (transpose ? swapLastTwo(x) : x);

/**
 * tfjs-backend-wasm 4.22 multiplies 8–10× slower when matMul gets a transpose flag (measured here:
 * 256×64·(64×64)ᵀ takes 980 µs against 102 µs + a 122 µs transpose), and tfjs's own BatchMatMul
 * gradient passes such flags for every weight and input gradient. This registers the same gradient
 * (dA = dC·Bᵀ, dB = Aᵀ·dC for C = A·B, and the transposed variants) with explicit transposes instead.
 * Same values; installed by useBestBackend when it picks wasm. Idempotent.
 */
export function useExplicitTransposeMatMulGradient(): void {
  if (installed) return;
  installed = true;
  tf.registerGradient({
    kernelName: tf.BatchMatMul,
    inputsToSave: ['a', 'b'],
    gradFunc: (dy, saved, attrs) => {
      const [a, b] = saved;
      const { transposeA, transposeB } = attrs as unknown as tf.BatchMatMulAttrs;
      const g = dy as tf.Tensor;
      if (!transposeA && !transposeB) {
        return { a: () => tf.matMul(g, swapLastTwo(b)), b: () => tf.matMul(swapLastTwo(a), g) };
      }
      if (!transposeA && transposeB) {
        return { a: () => tf.matMul(g, b), b: () => tf.matMul(swapLastTwo(g), a) };
      }
      if (transposeA && !transposeB) {
        return { a: () => tf.matMul(b, swapLastTwo(g)), b: () => tf.matMul(a, g) };
      }
      return { a: () => tf.matMul(maybeT(b, true), maybeT(g, true)), b: () => tf.matMul(maybeT(g, true), maybeT(a, true)) };
    },
  });
}

let installed = false;
