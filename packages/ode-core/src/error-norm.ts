import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from './errors';
import { hostRead, type HostReads } from './host-reads';
import type { ResolvedOptions } from './resolve-options';
import type { StateLayout } from './state-layout';

/**
 * The adaptive solvers' error measure: scaled error e / (atol + rtol·max(|y0|, |y1|)) elementwise, then
 * a norm (RMS over every counted element by default; HNW I, Eq. II.4.11). One host read per call.
 */
export class ErrorMeasure {
  private readonly mask?: tf.Tensor2D;
  private readonly counted: number;

  /** `options` as resolveOptions gives them (normParts already checked against `layout`). */
  constructor(
    private readonly layout: StateLayout,
    private readonly options: Pick<ResolvedOptions, 'rtol' | 'atol' | 'norm' | 'normParts'>,
  ) {
    this.counted = layout.size;
    const { normParts } = options;
    if (normParts && !normParts.every(Boolean)) {
      const flags = layout.sizes.flatMap((size, i) => new Array<number>(size).fill(normParts[i] ? 1 : 0));
      this.mask = tf.keep(tf.tensor2d(flags, [1, layout.size]));
      this.counted = flags.reduce((p, x) => p + x, 0);
    }
  }

  /**
   * The norm of the scaled error of a step from y0 (with |y0| given) to y1, and |y1| (the caller owns
   * it: it is the next step's |y0| when the step is accepted).
   */
  *measure(error: tf.Tensor2D, y0Abs: tf.Tensor2D, y1: tf.Tensor2D): HostReads<{ norm: number; y1Abs: tf.Tensor2D }> {
    const y1Abs = tf.abs(y1);
    const scaled = tf.tidy(() => tf.div<tf.Tensor2D>(error, this.scale(tf.maximum(y0Abs, y1Abs))));
    try {
      const { norm } = this.options;
      if (!norm) return { norm: yield* this.rms(scaled), y1Abs };
      const value = tf.tidy(() => norm(this.layout.fromRow(scaled), this.layout.fromRow(y1)));
      if (typeof value !== 'number') throw new InvalidArgumentError('options.norm must return a JS number');
      return { norm: value, y1Abs };
    } catch (error) {
      y1Abs.dispose();
      throw error;
    } finally {
      scaled.dispose();
    }
  }

  /** atol + rtol·|y| elementwise. */
  scale(yAbs: tf.Tensor2D): tf.Tensor2D {
    return tf.add<tf.Tensor2D>(tf.mul(yAbs, this.options.rtol), this.options.atol);
  }

  /** RMS over the counted elements of a row (one host read). */
  *rms(row: tf.Tensor2D): HostReads<number> {
    return (yield* this.rmsMany([row]))[0];
  }

  /** The RMS of each of several rows, in one host read. */
  *rmsMany(rows: tf.Tensor2D[]): HostReads<number[]> {
    const sums = yield* hostRead(() => {
      const squares = tf.square(tf.concat(rows, 0));
      return tf.sum(this.mask ? tf.mul(squares, this.mask) : squares, 1);
    });
    return Array.from(sums, (s) => Math.sqrt(s / this.counted));
  }

  dispose(): void {
    this.mask?.dispose();
  }
}
