import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from './errors';
import { odeint, odeintAsync, odeintOnGrid } from './odeint';

const decay = (_t: number, y: tf.Tensor) => tf.neg(y);

describe('option names', () => {
  it('a misspelt option is an error naming the nearest one, not silently ignored', () => {
    const y0 = tf.ones([2]);
    expect(() => odeint(decay, y0, [0, 1], { rtoll: 1e-3 } as never)).toThrow(InvalidArgumentError);
    expect(() => odeint(decay, y0, [0, 1], { rtoll: 1e-3 } as never)).toThrow(/options\.rtoll is not an option \(did you mean "rtol"\?\)/);
    expect(() => odeint(decay, y0, [0, 1], { stepsize: 0.1 } as never)).toThrow(/did you mean "stepSize"/);
    expect(() => odeint(decay, y0, [0, 1], { verbose: true } as never)).toThrow(/options\.verbose is not an option: use method, rtol/);
    expect(() => odeintOnGrid(decay, y0, [0, 1], [0, 1], { rtol: 1e-3 } as never)).toThrow(/options\.rtol is not an option/);
    y0.dispose();
  });

  it('options that are not an object are refused, and odeintAsync rejects as odeint throws', async () => {
    const y0 = tf.ones([2]);
    expect(() => odeint(decay, y0, [0, 1], null as never)).toThrow(/options must be an object/);
    await expect(odeintAsync(decay, y0, [0, 1], { atoll: 1 } as never)).rejects.toThrow(/did you mean "atol"/);
    y0.dispose();
  });
});
