import * as tf from '@tensorflow/tfjs-core';

const swapLastTwo = (x: tf.Tensor) => {
  const perm = x.shape.map((_, i) => i);
  [perm[perm.length - 2], perm[perm.length - 1]] = [perm[perm.length - 1], perm[perm.length - 2]];
  return tf.transpose(x, perm);
};

/**
 * The BatchMatMul gradient with explicit transposes: dA = dC·Bᵀ, dB = Aᵀ·dC for C = A·B, and the
 * transposed variants. tfjs-backend-wasm 4.22 multiplies 8–10× slower when matMul gets a transpose flag
 * (256×64·(64×64)ᵀ: 980 µs against 102 µs + a 122 µs transpose), and tfjs's own gradient passes such
 * flags for every weight and input gradient. Same values.
 */
export const explicitTransposeMatMulGrad: tf.GradFunc = (dy, saved, attrs) => {
  const [a, b] = saved;
  const { transposeA, transposeB } = attrs as unknown as tf.BatchMatMulAttrs;
  const g = dy as tf.Tensor;
  if (!transposeA && !transposeB) return { a: () => tf.matMul(g, swapLastTwo(b)), b: () => tf.matMul(swapLastTwo(a), g) };
  if (!transposeA && transposeB) return { a: () => tf.matMul(g, b), b: () => tf.matMul(swapLastTwo(g), a) };
  if (transposeA && !transposeB) return { a: () => tf.matMul(b, swapLastTwo(g)), b: () => tf.matMul(a, g) };
  return { a: () => tf.matMul(swapLastTwo(b), swapLastTwo(g)), b: () => tf.matMul(swapLastTwo(g), swapLastTwo(a)) };
};
