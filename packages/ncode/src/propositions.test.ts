import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { ControlledODE, lastTime } from './controlled-ode';

const tight = { rtol: 1e-6, atol: 1e-8 };
const x0 = () => tf.tensor2d([[0], [1], [-2], [0.5]]);

function valuesAt(model: ControlledODE, input: tf.Tensor): number[][] {
  return tf.tidy(() => {
    const { x0: start, theta0 } = model.initialState(input);
    return model.integrate(start, theta0).xs.arraySync() as number[][][];
  }).map((row) => row.map((v) => v[0]));
}

describe('the papers\' propositions as exact solutions', () => {
  it('open loop f = −θ, γ(x) = x maps both 0 and 1 to 0 at T = 1 (Prop 1, App A.1: Φ(x, T) = x − xT)', () => {
    const model = new ControlledODE({ modules: {}, gamma: (x) => tf.clone(x), field: (_t, _x, theta) => tf.neg(theta as tf.Tensor), times: [0, 0.5, 1], solver: tight });
    const input = x0();
    const [, half, end] = valuesAt(model, input);
    const start = input.arraySync().map((r) => r[0]);
    start.forEach((v, i) => {
      expect(half[i]).toBeCloseTo(v * 0.5, 6);
      expect(end[i]).toBeCloseTo(0, 6);
    });
    input.dispose();
  });

  it('closed loop ẋ = θ, θ̇ = −x, θ(0) = 0 gives x(t) = x(0) cos t, so x(π/2) = 0 for every x(0) (Eq 12)', () => {
    const times = [0, 0.7, Math.PI / 2];
    const model = new ControlledODE({
      modules: {}, gamma: (x) => tf.zerosLike(x), field: (_t, _x, theta) => tf.clone(theta as tf.Tensor),
      controller: (_t, x) => tf.neg(x), times, solver: tight,
    });
    const input = x0();
    const xs = valuesAt(model, input);
    const start = input.arraySync().map((r) => r[0]);
    times.forEach((t, k) => start.forEach((v, i) => expect(xs[k][i]).toBeCloseTo(v * Math.cos(t), 5)));
    xs[2].forEach((v) => expect(Math.abs(v)).toBeLessThan(1e-5));
    input.dispose();
  });

  it('data control ż = −θ(z + x), z(0) = x approaches −x as θ grows (Eq 9 of Dissecting; z(1) = −x + 2x e^{−θ})', () => {
    const input = x0();
    const start = input.arraySync().map((r) => r[0]);
    let previous = Infinity;
    for (const theta of [1, 4, 12]) {
      const model = new ControlledODE({
        modules: {}, gamma: (x) => tf.clone(x), field: (_t, z, x) => tf.mul(-theta, tf.add(z, x as tf.Tensor)), solver: tight,
      });
      const end = valuesAt(model, input)[1];
      const gap = Math.max(...end.map((v, i) => Math.abs(v + start[i])));
      end.forEach((v, i) => expect(v).toBeCloseTo(-start[i] + 2 * start[i] * Math.exp(-theta), 5));
      expect(gap).toBeLessThan(previous);
      previous = gap;
    }
    expect(previous).toBeLessThan(1e-4);
    input.dispose();
  });

  it('lastTime picks the final slice', () => {
    const trajectory = tf.tensor3d([[[1]], [[2]], [[3]]]);
    expect(lastTime(trajectory).arraySync()).toEqual([[3]]);
    trajectory.dispose();
  });
});
