import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from './errors';
import type { RowField } from './runge-kutta-step';
import type { OdeState, VectorField } from './types';

/**
 * How a state (tensor or tuple) maps to one flat row [1, n], and the form a solve keeps it in: a tuple
 * as that row, a single tensor as itself, so that evaluating f costs no reshape each way (torchdiffeq
 * likewise flattens only tuple states). The solvers are written for either form: every tensor of one
 * solve has its start state's shape, and they flatten to [count, n] only to collect outputs and norms.
 */
export class StateLayout {
  readonly shapes: number[][];
  readonly sizes: number[];
  readonly size: number;

  constructor(
    readonly isTuple: boolean,
    shapes: number[][],
  ) {
    this.shapes = shapes.map((s) => [...s]);
    this.sizes = shapes.map((s) => s.reduce((p, d) => p * d, 1));
    this.size = this.sizes.reduce((p, d) => p + d, 0);
  }

  static of(y0: OdeState, what = 'y0'): StateLayout {
    const parts = Array.isArray(y0) ? y0 : [y0];
    if (parts.length === 0) throw new InvalidArgumentError(`${what} is an empty tuple: give at least one tensor`);
    parts.forEach((p, i) => {
      if (!(p instanceof tf.Tensor)) {
        throw new InvalidArgumentError(`${what}${Array.isArray(y0) ? `[${i}]` : ''} is not a tf.Tensor`);
      }
      if (p.dtype !== 'float32') {
        throw new InvalidArgumentError(
          `${what}${Array.isArray(y0) ? `[${i}]` : ''} has dtype ${p.dtype}: states must be float32 (tf.cast it)`,
        );
      }
    });
    return new StateLayout(Array.isArray(y0), parts.map((p) => p.shape));
  }

  parts(state: OdeState): tf.Tensor[] {
    return Array.isArray(state) ? state : [state];
  }

  /** Flattens a state into a [1, n] row, checking that it has this layout. */
  toRow(state: OdeState, what: string): tf.Tensor2D {
    return this.flatten(state, what, []);
  }

  /** Whether a solve can keep its state in the state's own shape: a single tensor (a tuple solves as a row). */
  get keepsShape(): boolean {
    return !this.isTuple;
  }

  /** Flattens a state with a leading axis m on every part (as fromRows gives) into rows [m, n], checked. */
  toRows(state: OdeState, m: number, what: string): tf.Tensor2D {
    return this.flatten(state, what, [m]);
  }

  private flatten(state: OdeState, what: string, leading: number[]): tf.Tensor2D {
    const parts = this.check(state, what, leading);
    const m = leading.length === 0 ? 1 : leading[0];
    if (parts.length === 1) return tf.reshape(parts[0], [m, this.size]);
    return tf.concat(parts.map((p, i) => tf.reshape(p, [m, this.sizes[i]])), 1);
  }

  /** The parts of `state` (f's answer when `what` is 'f'), checked against this layout with `leading` axes on every part. */
  private check(state: OdeState, what: string, leading: number[]): tf.Tensor[] {
    const parts = this.parts(state);
    const expected = leading.length === 0 ? this : new StateLayout(this.isTuple, this.shapes.map((shape) => [...leading, ...shape]));
    if (Array.isArray(state) !== this.isTuple || parts.length !== this.shapes.length) {
      throw new InvalidArgumentError(
        `${what} returned ${describe(state)} but the state is ${expected.describe()}: f must return the structure of y`,
      );
    }
    parts.forEach((p, i) => {
      if (!(p instanceof tf.Tensor) || !sameShape(p.shape, expected.shapes[i])) {
        throw new InvalidArgumentError(
          `${what} returned ${describe(state)} but the state is ${expected.describe()}: f's output must have y's shapes`,
        );
      }
    });
    return parts;
  }

  /** Rows [m, n] → the state structure with a leading axis m on every part. */
  fromRows(rows: tf.Tensor2D): OdeState {
    const m = rows.shape[0];
    const pieces = this.shapes.length === 1 ? [rows] : tf.split(rows, this.sizes, 1);
    const parts = pieces.map((p, i) => tf.reshape(p, [m, ...this.shapes[i]]));
    return this.isTuple ? parts : parts[0];
  }

  /** One row ([1, n], or a single tensor state's own shape) → the state structure with the original shapes. */
  fromRow(row: tf.Tensor): OdeState {
    const pieces = this.shapes.length === 1 ? [row] : tf.split(row, this.sizes, 1);
    const parts = pieces.map((p, i) => tf.reshape(p, this.shapes[i]));
    return this.isTuple ? parts : parts[0];
  }

  /**
   * f on a solve's rows, of either form: a [1, n] row goes to f in the state structure and f's answer
   * (checked against this layout) comes back as a row; a single tensor in its own shape goes to f as is
   * and f's answer, checked, comes back as is when f made it during the call, else as a copy (a tensor
   * that f returns from outside, its input or a kept constant, stays the caller's: the solve frees its
   * stages).
   */
  rowField(f: VectorField): RowField {
    return (t, row) => {
      if (!this.keepsShape || !sameShape(row.shape, this.shapes[0])) return this.toRow(f(t, this.fromRow(row)), 'f');
      const [answer] = this.check(f(t, row), 'f', []);
      // Tensor ids only grow, and the solvers make each row after every answer of f before it: a newer
      // answer than the row, not kept, is one f made in this call.
      return answer.id > row.id && !answer.kept ? answer : tf.clone(answer);
    };
  }

  describe(): string {
    const s = this.shapes.map((sh) => `[${sh.join(', ')}]`);
    return this.isTuple ? `a tuple of shapes (${s.join(', ')})` : `a tensor of shape ${s[0]}`;
  }
}

function sameShape(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

function describe(state: unknown): string {
  if (state instanceof tf.Tensor) return `a tensor of shape [${state.shape.join(', ')}]`;
  if (Array.isArray(state)) {
    return `a tuple (${state.map((p) => (p instanceof tf.Tensor ? `[${p.shape.join(', ')}]` : typeof p)).join(', ')})`;
  }
  return String(state === null ? 'null' : typeof state);
}
