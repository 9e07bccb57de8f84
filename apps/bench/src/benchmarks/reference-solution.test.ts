import { describe, expect, it } from 'vitest';
import { gaussianDecay, harmonicOscillator, keplerOrbit, logisticGrowth } from '../data/classic-problems';
import { integrateFloat64, maxAbsDifference, referenceSolution } from './reference-solution';
import { outputTimes } from './solver-sweep';

describe('float64 reference integrator', () => {
  it.each([harmonicOscillator, gaussianDecay, logisticGrowth])('matches the exact solution of $name to 1e-11', (problem) => {
    const ts = outputTimes(problem.tEnd, 11);
    const states = integrateFloat64(problem.field64, problem.y0, ts);
    expect(maxAbsDifference(states, ts.map(problem.exact!))).toBeLessThan(1e-11);
  });

  it('is fourth order: halving the steps per unit multiplies the error by about 16', () => {
    const ts = [0, harmonicOscillator.tEnd];
    const exact = ts.map(harmonicOscillator.exact!);
    const coarse = maxAbsDifference(integrateFloat64(harmonicOscillator.field64, [1, 0], ts, 10), exact);
    const fine = maxAbsDifference(integrateFloat64(harmonicOscillator.field64, [1, 0], ts, 20), exact);
    expect(coarse / fine).toBeGreaterThan(14);
    expect(coarse / fine).toBeLessThan(18);
  });

  it('closes the Kepler orbit after one period (energy and position return), with a tiny estimated error', () => {
    const reference = referenceSolution(keplerOrbit, [0, keplerOrbit.tEnd]);
    expect(reference.kind).toBe('float64 RK4');
    expect(maxAbsDifference([reference.states[1]], [keplerOrbit.y0])).toBeLessThan(1e-9);
    expect(reference.estimatedError).toBeLessThan(1e-10);
  });

  it('uses the exact solution when there is one', () => {
    const reference = referenceSolution(gaussianDecay, [0, 1]);
    expect(reference).toEqual({ states: [[1], [Math.exp(-1)]], kind: 'exact', estimatedError: 0 });
  });

  it('maxAbsDifference is NaN when anything is not finite', () => {
    expect(maxAbsDifference([[1, Number.NaN]], [[1, 2]])).toBeNaN();
    expect(maxAbsDifference([[1, 5]], [[1.5, 2]])).toBe(3);
  });
});
