import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { gaussianDecay, harmonicOscillator } from '../data/classic-problems';
import { referenceSolution } from './reference-solution';
import { isAdaptive, outputTimes, runSolver, solverMethods, solverSettings, sweepSolvers } from './solver-sweep';

describe('solver settings', () => {
  it('covers every method of ode-core: fixed-step ones per step size, adaptive ones per tolerance', () => {
    expect(solverMethods).toEqual(['euler', 'midpoint', 'heun', 'rk4', 'rk38', 'fehlberg2', 'bosh3', 'dopri5', 'tsit5', 'dopri8']);
    const settings = solverSettings([0.1, 0.01], [1e-4], 1e-2);
    expect(settings).toHaveLength(5 * 2 + 5 * 1);
    expect(settings).toContainEqual({ method: 'rk4', kind: 'fixed', stepSize: 0.01 });
    expect(settings).toContainEqual({ method: 'dopri5', kind: 'adaptive', rtol: 1e-4, atol: expect.closeTo(1e-6, 20) });
    expect(solverMethods.filter(isAdaptive)).toEqual(['fehlberg2', 'bosh3', 'dopri5', 'tsit5', 'dopri8']);
  });

  it('outputTimes spans [0, tEnd] evenly', () => {
    expect(outputTimes(2, 5)).toEqual([0, 0.5, 1, 1.5, 2]);
  });
});

describe('runSolver', () => {
  const ts = outputTimes(harmonicOscillator.tEnd, 11);
  const reference = referenceSolution(harmonicOscillator, ts);

  it('rk4 at h = 0.1: four evaluations per step, error of a fourth-order method', () => {
    const run = runSolver(harmonicOscillator, { method: 'rk4', kind: 'fixed', stepSize: 0.1 }, ts, reference);
    expect(run).toMatchObject({ problem: 'harmonic', method: 'rk4', order: 4, setting: 'h=0.1', nAccepted: 100, nRejected: 0, nfe: 400, failure: null });
    // Global RK4 error on x'' = −x over t = 10 is about t·h⁴/120 ≈ 8e-6.
    expect(run.maxError).toBeGreaterThan(1e-6);
    expect(run.maxError).toBeLessThan(5e-5);
    expect(run.wallMs).toBeGreaterThan(0);
  });

  it('euler error halves (first order) when the step halves', () => {
    const error = (stepSize: number) => runSolver(harmonicOscillator, { method: 'euler', kind: 'fixed', stepSize }, ts, reference).maxError;
    expect(error(0.02) / error(0.01)).toBeCloseTo(2, 0);
  });

  it('records a failing solve instead of throwing, and leaks nothing', () => {
    const before = tf.memory().numTensors;
    const run = runSolver(gaussianDecay, { method: 'dopri5', kind: 'adaptive', rtol: 1e-300, atol: 1e-300 }, [0, 3], referenceSolution(gaussianDecay, [0, 3]));
    expect(run.failure).toMatch(/^\w+Error: /);
    expect(run.nfe).toBeNaN();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('sweepSolvers', () => {
  it('runs every problem × setting, reports each run, and leaks no tensors', () => {
    const before = tf.memory().numTensors;
    const seen: string[] = [];
    const settings = solverSettings([0.5], [1e-3], 1e-2);
    const sweep = sweepSolvers([gaussianDecay], settings, 5, (run) => seen.push(run.method));
    expect(sweep.runs).toHaveLength(10);
    expect(seen).toEqual(solverMethods);
    expect(sweep.references).toEqual([expect.objectContaining({ problem: 'gaussian', kind: 'exact', estimatedError: 0, tEnd: 3 })]);
    expect(sweep.runs.every((run) => run.failure === null && run.maxError < 0.5)).toBe(true);
    const error = (method: string) => sweep.runs.find((run) => run.method === method)!.maxError;
    expect(error('rk4')).toBeLessThan(error('euler') / 10);
    expect(tf.memory().numTensors).toBe(before);
  });
});
