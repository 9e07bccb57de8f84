import { describe, expect, it } from 'vitest';
import { controllerOptions, PidController } from './pid-controller';

describe('PidController', () => {
  it('defaults reproduce the I-controller min(10, max(1, 0.9·e^{−1/k})) on accept', () => {
    const c = new PidController(controllerOptions(undefined), 5);
    for (const e of [1, 0.5, 1e-3, 1e-9]) expect(c.accept(e)).toBeCloseTo(Math.min(10, Math.max(1, 0.9 * e ** -0.2)), 12);
    expect(c.accept(0)).toBe(10);
  });

  it('rejection factor is max(dfactor, 0.9·e^{−1/k}), never above 1', () => {
    const c = new PidController(controllerOptions(undefined), 4);
    expect(c.reject(2)).toBeCloseTo(0.9 * 2 ** -0.25, 12);
    expect(c.reject(1e6)).toBe(0.2);
  });

  it("PID coefficients follow Söderlind's β1, β2, β3 on the error history", () => {
    const [kP, kI, kD, k] = [0.2, 0.3, 0.1, 3];
    const c = new PidController(controllerOptions({ pcoeff: kP, icoeff: kI, dcoeff: kD, safety: 1, ifactor: 100 }), k);
    const errors = [0.5, 0.1, 0.2, 0.05];
    const b1 = (kP + kI + kD) / k;
    const b2 = -(kP + 2 * kD) / k;
    const b3 = kD / k;
    const history = [1, 1];
    for (const e of errors) {
      const expected = e ** -b1 * history[0] ** -b2 * history[1] ** -b3;
      expect(c.accept(e)).toBeCloseTo(Math.min(100, Math.max(1, expected)), 12);
      history.unshift(e);
      history.length = 2;
      history.reverse().reverse();
      [history[0], history[1]] = [e, history[1]];
    }
  });

  it('rejects impossible settings', () => {
    expect(() => controllerOptions({ safety: 0 })).toThrow(/safety/);
    expect(() => controllerOptions({ dfactor: 2 })).toThrow(/dfactor/);
  });
});
