import * as tf from '@tensorflow/tfjs-core';
import { errorSquares } from '@tfode/kernels';
import { InvalidArgumentError } from './errors';
import { hostRead, type HostReads } from './host-reads';
import type { ResolvedOptions } from './resolve-options';
import { stackRows } from './row-stack';
import type { StateLayout } from './state-layout';

/**
 * The adaptive solvers' error measure: scaled error e / (atol + rtol·max(|y0|, |y1|)) elementwise, then
 * a norm: the RMS over the state for a single tensor (HNW I, Eq. II.4.11), and for a tuple the mixed
 * norm, the largest of its counted parts' RMS values (as torchdiffeq norms tuple states), so that each
 * part meets the tolerance on its own: a part with no error (N-CODE's θ, constant in time) cannot
 * dilute another's. One host read per call.
 */
export class ErrorMeasure {
  /** For a tuple: [n, parts counted], 1 where an element belongs to the part (a per-part sum is one matMul). */
  private readonly partOf?: tf.Tensor2D;
  /** The element count of each counted part (of the whole state for a single tensor). */
  private readonly counted: number[];

  /** `options` as resolveOptions gives them (normParts already checked against `layout`). */
  constructor(
    private readonly layout: StateLayout,
    private readonly options: Pick<ResolvedOptions, 'rtol' | 'atol' | 'norm' | 'normParts'>,
  ) {
    const { sizes } = layout;
    const parts = sizes.map((_, i) => i).filter((i) => sizes[i] > 0 && (options.normParts?.[i] ?? true));
    this.counted = sizes.length === 1 ? [layout.size] : parts.map((i) => sizes[i]);
    if (sizes.length > 1) {
      const flags = new Float32Array(layout.size * parts.length);
      let offset = 0;
      sizes.forEach((size, i) => {
        const column = parts.indexOf(i);
        if (column >= 0) for (let e = offset; e < offset + size; e++) flags[e * parts.length + column] = 1;
        offset += size;
      });
      this.partOf = tf.keep(tf.tensor2d(flags, [layout.size, parts.length]));
    }
  }

  /**
   * The norm of the scaled error of a step from y0 (with |y0| given) to y1, and |y1| (the caller owns
   * it: it is the next step's |y0| when the step is accepted).
   */
  *measure(error: tf.Tensor, y0Abs: tf.Tensor, y1: tf.Tensor): HostReads<{ norm: number; y1Abs: tf.Tensor }> {
    // the default norm of a single tensor: one kernel where @tfode/kernels has it, the same bits as the ops below
    const fused = this.options.norm || this.partOf ? undefined : errorSquares(error, y0Abs, y1, this.options.rtol, this.options.atol);
    if (fused !== undefined) return yield* this.fusedNorm(...fused);
    const y1Abs = tf.abs(y1);
    const scaled = tf.tidy(() => tf.div<tf.Tensor>(error, this.scale(tf.maximum(y0Abs, y1Abs))));
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

  /** The RMS norm from the sum of the scaled error's squares (errorSquares), one host read; the caller owns y1Abs. */
  private *fusedNorm(y1Abs: tf.Tensor, squares: tf.Tensor): HostReads<{ norm: number; y1Abs: tf.Tensor }> {
    try {
      const [sum] = yield* hostRead(() => squares);
      return { norm: Math.sqrt(sum / this.counted[0]), y1Abs };
    } catch (error) {
      y1Abs.dispose();
      throw error;
    }
  }

  /** atol + rtol·|y| elementwise. */
  scale(yAbs: tf.Tensor): tf.Tensor {
    return tf.add<tf.Tensor>(tf.mul(yAbs, this.options.rtol), this.options.atol);
  }

  /** The norm of a row (one host read). */
  *rms(row: tf.Tensor): HostReads<number> {
    return (yield* this.rmsMany([row]))[0];
  }

  /** The norm of each of several rows, in one host read. */
  *rmsMany(rows: tf.Tensor[]): HostReads<number[]> {
    const sums = yield* hostRead(() => {
      const squares = tf.square(stackRows(rows, this.layout.size));
      return this.partOf ? tf.matMul(squares, this.partOf) : tf.sum(squares, 1);
    });
    const width = this.counted.length;
    return rows.map((_, r) => Math.max(...this.counted.map((size, p) => Math.sqrt(sums[r * width + p] / size))));
  }

  dispose(): void {
    this.partOf?.dispose();
  }
}
