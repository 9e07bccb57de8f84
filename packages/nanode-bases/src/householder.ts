import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from './errors';

/** Sign s of M(u_1, …, u_k, s) in NANODE Lemma 1. */
export type ReflectionSign = 1 | -1;

// Keeps a zero row of U from producing 0/0: it then reflects nothing (acts as I) instead of NaN.
const NORM_FLOOR = 1e-30;

function requireReflections(u: tf.Tensor): void {
  if (u.rank !== 2) {
    throw new InvalidArgumentError(
      `Householder vectors U must be a 2-D tensor [k, n] (one u_i per row), got shape [${u.shape}]`,
    );
  }
}

function requireSign(s: number): void {
  if (s !== 1 && s !== -1) throw new InvalidArgumentError(`sign s must be 1 or -1, got ${s}`);
}

/**
 * x·M(U) with M(U) = s·H(u_1)…H(u_k) and H(u) = I − 2uuᵀ/‖u‖² (NANODE
 * Lemma 1), for a batch of row vectors x ∈ R^{b×n}, without forming M:
 * O(k·n) per vector. Equals tf.matMul(x, householderProduct(U, s)). U has shape [k, n].
 */
export function applyHouseholder(u: tf.Tensor2D, x: tf.Tensor2D, s: ReflectionSign = 1): tf.Tensor2D {
  requireReflections(u);
  requireSign(s);
  if (x.rank !== 2 || x.shape[1] !== u.shape[1]) {
    throw new InvalidArgumentError(
      `x must be [batch, ${u.shape[1]}] to meet U of shape [${u.shape}], got [${x.shape}]`,
    );
  }
  const k = u.shape[0];
  return tf.tidy(() => {
    if (k === 0) return s === 1 ? tf.clone(x) : tf.neg(x);
    const squaredNorms = tf.add(tf.sum(tf.square(u), 1, true), NORM_FLOOR);
    const scaled = tf.div(tf.mul(u, 2), squaredNorms); // rows 2u_i/‖u_i‖²
    const columns = tf.split(tf.transpose(u), k, 1); // u_i as [n, 1]
    const rows = tf.split(scaled, k, 0); // 2u_iᵀ/‖u_i‖² as [1, n]
    let y: tf.Tensor2D = x;
    for (let i = 0; i < k; i++) {
      y = tf.sub(y, tf.matMul(tf.matMul(y, columns[i] as tf.Tensor2D), rows[i] as tf.Tensor2D)); // y·H(u_i)
    }
    return s === 1 ? y : tf.neg(y);
  });
}

/** M(U) = s·H(u_1)…H(u_k) ∈ O(n) for U of shape [k, n] (NANODE §2.5 Lemma 1). */
export function householderProduct(u: tf.Tensor2D, s: ReflectionSign = 1): tf.Tensor2D {
  requireReflections(u);
  return tf.tidy(() => applyHouseholder(u, tf.eye(u.shape[1]) as tf.Tensor2D, s));
}
