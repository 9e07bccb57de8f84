import * as tf from '@tensorflow/tfjs-core';
import type { ErrorMeasure } from './error-norm';
import type { HostReads } from './host-reads';
import type { RowField } from './runge-kutta-step';

/**
 * Hairer's starting step (HNW I, Sec. II.4, "Automatic step size control", steps a–f): a first guess
 * from ‖y0‖ and ‖f0‖, refined by one explicit Euler step's estimate of the second derivative.
 * Costs one evaluation of f and two host reads. Returns |h|.
 */
export function* initialStepSize(
  f: RowField,
  t0: number,
  y0: tf.Tensor,
  f0: tf.Tensor,
  direction: 1 | -1,
  order: number,
  measure: ErrorMeasure,
): HostReads<number> {
  const scale = tf.tidy(() => measure.scale(tf.abs(y0)));
  let scaled: tf.Tensor[] = [];
  let change: tf.Tensor | undefined;
  try {
    scaled = tf.tidy(() => [tf.div<tf.Tensor>(y0, scale), tf.div<tf.Tensor>(f0, scale)]);
    const [d0, d1] = yield* measure.rmsMany(scaled);
    const h0 = d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : (0.01 * d0) / d1;
    change = tf.tidy(() => {
      const f1 = f(t0 + direction * h0, tf.add(y0, tf.mul(f0, direction * h0)));
      return tf.div<tf.Tensor>(tf.sub(f1, f0), scale);
    });
    const d2 = (yield* measure.rms(change)) / h0;
    const dmax = Math.max(d1, d2);
    const h1 = dmax <= 1e-15 ? Math.max(1e-6, h0 * 1e-3) : Math.pow(0.01 / dmax, 1 / (order + 1));
    return Math.min(100 * h0, h1);
  } finally {
    scale.dispose();
    tf.dispose(scaled);
    change?.dispose();
  }
}
