import * as tf from '@tensorflow/tfjs-core';
import { MaxStepsExceededError } from '@tfode/ode-core';
import { describe, expect, it } from 'vitest';
import { odeintAdjoint } from './odeint-adjoint';
import { mlpField } from './test-fields';
import type { GradientMode, GradientOptions } from './types';

const modes: GradientMode[] = ['backprop', 'adjoint', 'checkpoint'];
const { field, params } = mlpField([3, 16, 2], 5);
// A batch of 64: 100 leaked backprop tapes would outgrow the wasm heap's first 16 MiB.
const z0 = tf.keep(tf.randomNormal([64, 2], 0, 1, 'float32', 9));
// Four attempted steps cannot cover [0, 5] at this tolerance: every solve accepts some steps, then fails.
const failing: GradientOptions = { rtol: 1e-6, atol: 1e-8, maxSteps: 4 };

/** Bytes the wasm backend has taken from the host (its heap only grows); 0 on other backends. */
function wasmHeapBytes(): number {
  const backend = tf.backend() as unknown as { wasm?: { HEAPU8: Uint8Array } };
  return backend.wasm?.HEAPU8.buffer.byteLength ?? 0;
}

function expectMaxStepsExceeded(run: () => unknown) {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(MaxStepsExceededError);
}

const loss = (mode: GradientMode, ts: number[] | tf.Tensor1D = [0, 2.5, 5]) => () => {
  const sol = odeintAdjoint(field, z0, ts, params, { ...failing, gradient: mode });
  return tf.mean(tf.square(sol.ys as tf.Tensor)) as tf.Scalar;
};

describe('a forward solve that fails frees what it made', () => {
  for (const mode of modes) {
    it(`${mode}: no tape`, () => {
      const before = tf.memory().numTensors;
      expectMaxStepsExceeded(loss(mode));
      expect(tf.memory().numTensors).toBe(before);
    });

    it(`${mode}: under tf.variableGrads, with output times as a tensor`, () => {
      const ts = tf.tensor1d([0, 2.5, 5]);
      const before = tf.memory().numTensors;
      expectMaxStepsExceeded(() => tf.variableGrads(loss(mode, ts), params));
      expect(tf.memory().numTensors).toBe(before);
      ts.dispose();
    });
  }
});

/** tf.memory()'s counts and the wasm heap, to compare before and after a run of failures. */
const memory = () => ({ numTensors: tf.memory().numTensors, numBytes: tf.memory().numBytes, heap: wasmHeapBytes() });

describe('100 caught solve failures inside optimizer.minimize leave memory where it was', () => {
  for (const mode of modes) {
    it(`${mode}: tensors, tensor bytes and (on wasm) the wasm heap`, () => {
      const optimizer = tf.train.adam(1e-2);
      const step = () => expectMaxStepsExceeded(() => optimizer.minimize(loss(mode), false, params));
      step(); // any one-time growth of the heap happens here
      const before = memory();
      for (let i = 0; i < 100; i++) step();
      expect(memory()).toEqual(before);
      optimizer.dispose();
    });
  }
});

describe('a backward pass that fails inside optimizer.minimize frees its tape', () => {
  for (const mode of ['adjoint', 'checkpoint'] as GradientMode[]) {
    it(`${mode}: 20 failures of f in the backward pass`, () => {
      // f works forward, then throws when the gradient evaluates it (adjoint: the backward dynamics;
      // checkpoint: the replays).
      let backward = false;
      const f = (t: number, z: tf.Tensor) => {
        if (backward) throw new Error('f broke in the backward pass');
        return field(t, z);
      };
      const optimizer = tf.train.adam(1e-2);
      const step = () => {
        let caught: unknown;
        try {
          // In a tidy: the loss value that tfjs computed before its backward pass is the caller's.
          tf.tidy(() => {
            optimizer.minimize(() => {
              backward = false;
              const sol = odeintAdjoint(f, z0, [0, 2.5, 5], params, { gradient: mode, rtol: 1e-4, atol: 1e-6 });
              backward = true;
              return tf.mean(tf.square(sol.ys as tf.Tensor)) as tf.Scalar;
            }, false, params);
          });
        } catch (error) {
          caught = error;
        }
        expect((caught as Error).message).toMatch(/f broke in the backward pass/);
      };
      step();
      const before = memory();
      for (let i = 0; i < 20; i++) step();
      expect(memory()).toEqual(before);
      optimizer.dispose();
    });
  }
});
