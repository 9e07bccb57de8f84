import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { LstmCell } from './lstm-cell';

const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));

describe('LstmCell', () => {
  it('matches the LSTM equations computed by hand in float64', () => {
    const cell = new LstmCell(2, 3, 5);
    const x = [[0.3, -0.7]];
    const h0 = [[0.1, 0.2, -0.3]];
    const c0 = [[0.5, -0.4, 0.2]];
    const W = cell.kernel.arraySync() as number[][];
    const b = Array.from(cell.bias.dataSync());
    const input = [...x[0], ...h0[0]];
    const gate = (k: number) => b[k] + input.reduce((s, v, r) => s + v * W[r][k], 0);
    const expectedC = [0, 1, 2].map((j) => sigmoid(gate(3 + j)) * c0[0][j] + sigmoid(gate(j)) * Math.tanh(gate(6 + j)));
    const expectedH = [0, 1, 2].map((j) => sigmoid(gate(9 + j)) * Math.tanh(expectedC[j]));
    const state = { h: tf.tensor2d(h0), c: tf.tensor2d(c0) };
    const xs = tf.tensor2d(x);
    const next = cell.step(xs, state);
    Array.from(next.c.dataSync()).forEach((v, j) => expect(v).toBeCloseTo(expectedC[j], 5));
    Array.from(next.h.dataSync()).forEach((v, j) => expect(v).toBeCloseTo(expectedH[j], 5));
    expect(Array.from(b.slice(3, 6))).toEqual([1, 1, 1]); // forget-gate bias
    tf.dispose([state.h, state.c, xs, next.h, next.c]);
    cell.dispose();
  });

  it('rejects a wrong input width and leaves no tensors behind', () => {
    const before = tf.memory().numTensors;
    const cell = new LstmCell(4, 2, 1);
    const state = cell.initialState(3);
    const x = tf.ones([3, 4]) as tf.Tensor2D;
    tf.dispose(Object.values(cell.step(x, state)));
    expect(() => cell.step(tf.ones([3, 5]) as tf.Tensor2D, state)).toThrow(/\[batch, 4\]/);
    tf.dispose([x, state.h, state.c]);
    cell.dispose();
    expect(tf.memory().numTensors).toBe(before + 1); // the rejected ones([3, 5]) input is the caller's
  });
});
