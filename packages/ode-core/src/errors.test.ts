import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, MaxStepsExceededError, NonFiniteStateError, SolveFailedError, StepSizeUnderflowError } from './errors';
import { odeint } from './odeint';
import type { SolveOptions } from './types';

const decay = (_t: number, y: tf.Tensor) => tf.neg(y);

function expectError(run: () => unknown, type: new (...args: never[]) => Error, message: RegExp) {
  const before = tf.memory().numTensors;
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(type);
  expect((caught as Error).message).toMatch(message);
  // A failed solve frees everything it made.
  expect(tf.memory().numTensors).toBe(before);
}

describe('typed errors that say what to change', () => {
  const y0 = tf.keep(tf.ones([2]));
  const solve = (ts: number[], options: SolveOptions = {}, f = decay, y = y0) => () => odeint(f, y, ts, options);

  it('ts with fewer than two points', () => expectError(solve([0]), InvalidArgumentError, /at least a start/));
  it('ts not strictly monotonic', () => {
    expectError(solve([0, 1, 1]), InvalidArgumentError, /strictly increasing or strictly decreasing/);
    expectError(solve([0, 2, 1]), InvalidArgumentError, /ts\[1\] = 2 and ts\[2\] = 1/);
  });
  it('ts with NaN', () => expectError(solve([0, NaN]), InvalidArgumentError, /finite/));
  it('tolerances ≤ 0', () => {
    expectError(solve([0, 1], { rtol: 0 }), InvalidArgumentError, /rtol = 0/);
    expectError(solve([0, 1], { atol: -1 }), InvalidArgumentError, /atol = -1/);
  });
  it('infinite tolerances', () => {
    expectError(solve([0, 1], { rtol: Infinity }), InvalidArgumentError, /rtol = Infinity/);
    expectError(solve([0, 1], { atol: Infinity }), InvalidArgumentError, /atol = Infinity/);
  });
  it('unknown method', () =>
    expectError(solve([0, 1], { method: 'rk45' as never }), InvalidArgumentError, /unknown method "rk45"/));
  it('a method named like an Object.prototype member is unknown too', () => {
    for (const method of ['toString', 'constructor', 'hasOwnProperty', '__proto__']) {
      expectError(solve([0, 1], { method: method as never }), InvalidArgumentError, new RegExp(`unknown method "${method}"`));
    }
  });
  it('fixed-step method without stepSize', () =>
    expectError(solve([0, 1], { method: 'rk4' }), InvalidArgumentError, /fixed-step: give options.stepSize/));
  it("f's output shape differs from y's", () =>
    expectError(solve([0, 1], {}, () => tf.ones([3])), InvalidArgumentError, /must have y's shapes/));
  it("f's output structure differs from y's", () =>
    expectError(solve([0, 1], {}, () => [tf.ones([2])] as never), InvalidArgumentError, /structure of y/));
  it('NaN or Inf in y0', () => {
    expectError(solve([0, 1], {}, decay, tf.keep(tf.tensor1d([1, NaN]))), InvalidArgumentError, /y0 contains NaN/);
    expectError(solve([0, 1], {}, decay, tf.keep(tf.tensor1d([Infinity]))), InvalidArgumentError, /y0 contains NaN/);
  });
  it('empty y0 says it is empty', () => {
    expectError(solve([0, 1], {}, decay, tf.keep(tf.tensor1d([]))), InvalidArgumentError, /y0 is empty/);
    expectError(solve([0, 1], {}, decay, tf.keep(tf.zeros([3, 0]))), InvalidArgumentError, /y0 is empty/);
  });
  it('non-float32 y0', () =>
    expectError(solve([0, 1], {}, decay, tf.keep(tf.tensor1d([1], 'int32'))), InvalidArgumentError, /float32/));
  it('step size underflow (dtmin) on a finite-time blow-up', () =>
    expectError(
      solve([0, 2], { controller: { dtmin: 1e-6 } }, (_t, y) => tf.square(y), tf.keep(tf.ones([1]))),
      StepSizeUnderflowError,
      /step size underflow at t=0\.99/,
    ));
  it('max steps exceeded', () =>
    expectError(solve([0, 100], { maxSteps: 5 }), MaxStepsExceededError, /after 5 attempted steps/));
  it('NaN from f in an adaptive solve names the time', () => {
    const f = (t: number, y: tf.Tensor) => (t > 1 ? tf.mul(y, NaN) : tf.neg(y));
    expectError(solve([0, 2], {}, f), NonFiniteStateError, /non-finite state \(NaN or Inf\) at t=/);
    try {
      odeint(f, y0, [0, 2]);
    } catch (error) {
      expect((error as NonFiniteStateError).t).toBeCloseTo(1, 3);
    }
  });
  it('overflow in a fixed-step solve names the output time', () =>
    expectError(
      solve([0, 1, 2, 3], { method: 'euler', stepSize: 0.5 }, (_t, y) => tf.mul(tf.square(y), 1e30)),
      NonFiniteStateError,
      /at t=1/,
    ));
  it('a huge fixed-step budget does not build the step grid up front', () => {
    // 1e10 steps of 1e-10: an array of every grid point cannot even be allocated. The first step runs,
    // and its onStep ends the solve.
    const stop = new Error('stop after the first step');
    const onStep = () => {
      throw stop;
    };
    expectError(solve([0, 1], { method: 'euler', stepSize: 1e-10, maxSteps: 2e10, onStep }), Error, /stop after the first step/);
  });
  it('the three failures of a valid solve share SolveFailedError; bad input does not', () => {
    for (const failure of [new StepSizeUnderflowError(1, 1e-20), new MaxStepsExceededError(1, 5), new NonFiniteStateError(1, 'y')]) {
      expect(failure).toBeInstanceOf(SolveFailedError);
    }
    expect(new InvalidArgumentError('ts')).not.toBeInstanceOf(SolveFailedError);
  });
});

describe('a solve that fails inside a callback frees everything it made', () => {
  const y0 = tf.keep(tf.ones([2]));
  const broken = (what: string) => () => {
    throw new Error(`${what} broke`);
  };

  for (const method of ['dopri5', 'bosh3', 'rk4'] as const) {
    const stepSize = method === 'rk4' ? 0.25 : undefined;
    it(`${method}: onStep throws`, () =>
      expectError(() => odeint(decay, y0, [0, 0.3, 1], { method, stepSize, onStep: broken('onStep') }), Error, /onStep broke/));
  }
  it('norm throws', () => expectError(() => odeint(decay, y0, [0, 1], { norm: broken('norm') }), Error, /norm broke/));
  it('norm throws on a later step', () => {
    let calls = 0;
    const norm = (e: unknown) => {
      if (++calls === 3) throw new Error('norm broke');
      return tf.tidy(() => tf.sqrt(tf.mean(tf.square(e as tf.Tensor))).dataSync()[0]);
    };
    expectError(() => odeint(decay, y0, [0, 1], { norm }), Error, /norm broke/);
  });
  it('f throws while giving f(t1, y1) to the Hermite interpolant', () => {
    // rk4 with one step [0, 0.5] holding the output 0.25: the fifth call of f, after the step's four
    // stages, is f(0.5, y1) for the cubic Hermite dense output.
    let calls = 0;
    const f = (_t: number, y: tf.Tensor) => {
      if (++calls === 5) throw new Error('f broke in dense output');
      return tf.neg(y);
    };
    expectError(() => odeint(f, y0, [0, 0.25, 1], { method: 'rk4', stepSize: 0.5 }), Error, /f broke in dense output/);
  });
});
