import * as tf from '@tensorflow/tfjs-core';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { reflection1d } from '@tfode/datasets';
import { trackingError } from '../metrics/tracking-error';
import { judge } from '../report/paper-claims';
import { bitErrorRate } from '../models/memorizers';
import type { BenchCommand, CommandResult } from '../runtime/bench-command';
import { runBenchCommand } from '../runtime/run-command';
import { runAnnuli } from './annuli';
import { meanOverRuns, runMemorization } from './memorization';
import { runNanodeOrder } from './nanode-order';
import { reflectionClaims, reflectionCommand, runReflection, type ReflectionRow } from './reflection';
import { runTracking } from './tracking';

const rk4 = { method: 'rk4' as const, stepSize: 0.25, gradient: 'backprop' as const };

describe('tiny runs of each experiment', () => {
  it('reflection: every model trains, and the trajectories start at x(0)', () => {
    const before = tf.memory().numTensors;
    const run = runReflection({ trainPoints: 8, testPoints: 5, steps: 2, learningRate: 0.01, repeats: 1, seed: 1, solver: rk4 });
    expect(run.rows.map((r) => r.model)).toEqual(['NODE', 'data-controlled', 'adaptive-depth', 'N-CODE open-loop', 'N-CODE closed-loop']);
    expect(run.rows.every((r) => r.failure === null && Number.isFinite(r.testMse) && r.nfe === 16)).toBe(true); // rk4: 4 steps × 4 stages
    const xs = Array.from(reflection1d({ numPoints: 8, seed: 1 }).x);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(run.floor).toBeCloseTo(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length, 5); // isotonic floor = var(x)
    const first = run.trajectories.filter((s) => s.panel === 'NODE' && s.t === 0);
    first.forEach((s) => expect(s.x).toBeCloseTo(s.group as number, 6));
    expect(tf.memory().numTensors).toBe(before);
  });

  it('annuli: rows, decision grids and flows for the chosen models', () => {
    const before = tf.memory().numTensors;
    const run = runAnnuli({
      trainPoints: 16, testPoints: 16, steps: 2, learningRate: 0.01, evaluateEvery: 1, gridResolution: 4, flowPoints: 4, seed: 2, solver: rk4,
      models: ['NODE', 'ANODE (p = 1)', 'Galërkin (Fourier m = 5)'],
    });
    expect(run.rows.map((r) => r.model)).toEqual(['NODE', 'ANODE (p = 1)', 'Galërkin (Fourier m = 5)']);
    expect(run.panels.every((p) => p.cells.length === 16 && p.cells.every((c) => c.value >= 0 && c.value <= 1))).toBe(true);
    expect(run.flows.filter((s) => s.panel === 'NODE')).toHaveLength(4 * 21);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('tracking, nanode-order and memorization run end to end', async () => {
    const before = tf.memory().numTensors;
    const tracking = runTracking({ trainStates: 2, testStates: 2, steps: 2, learningRate: 0.01, harmonics: 1, hidden: [4], horizon: 2, seed: 3, solver: rk4 });
    expect(Number.isFinite(tracking.result.trainedStarts.extrapolation)).toBe(true);
    const orders = await runNanodeOrder({ orders: [1, 2], steps: 1, learningRate: 0.01, hidden: [4], starts: 2, seed: 4, solver: rk4 });
    expect(orders.map((r) => `${r.family.split(' ')[0]} ${r.order}`)).toEqual(['trigonometric 1', 'trigonometric 2', 'bucketed 1', 'bucketed 2']);
    const memo = await runMemorization({ bits: 6, patternCounts: [2], batch: 2, steps: 2, evalEpisodes: 4, evaluateEvery: 1, learningRate: 0.01, lstmUnits: 4, runs: 2, seed: 5, solver: rk4 });
    const models = ['Hebbian N-CODE', 'data-controlled NODE', 'ODE-RNN', 'LSTM (4 units)'];
    expect(memo.rows.map((r) => `${r.run} ${r.model}`)).toEqual([...models.map((m) => `1 ${m}`), ...models.map((m) => `2 ${m}`)]);
    expect(memo.rows.every((r) => r.finalError >= 0 && r.finalError <= 1)).toBe(true);
    // The mean over the runs: one row per model, its error the mean of the two runs' errors.
    const means = meanOverRuns(memo.rows);
    expect(means.map((r) => `${r.run} ${r.model}`)).toEqual(models.map((m) => `0 ${m}`));
    for (const [i, r] of means.entries()) expect(r.finalError).toBeCloseTo((memo.rows[i].finalError + memo.rows[i + 4].finalError) / 2, 12);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('experiment logic', () => {
  it('trackingError is the RMS distance to the reference over the chosen interval', () => {
    const states = [[[0, 0], [3, 4]], [[1, 1], [1, 1]]]; // two times, two samples
    expect(trackingError(states, [0, 1], () => [0, 0], 0, 0)).toBeCloseTo(Math.sqrt(25 / 2), 10);
    expect(trackingError(states, [0, 1], () => [1, 1], 1, 1)).toBe(0);
    expect(() => trackingError(states, [0, 1], () => [0, 0], 2, 3)).toThrow(/no output time/);
  });

  it('bitErrorRate counts wrong signs, zeros included', () => {
    const recalled = tf.tensor2d([[0.3, -2, 0, 1]]);
    const target = tf.tensor2d([[1, 1, -1, 1]]);
    expect(bitErrorRate(recalled, target)).toBeCloseTo(0.5, 6);
    tf.dispose([recalled, target]);
  });

  it('reflection claims: a NODE at the isotonic floor and fitting controlled models read as reproduced', () => {
    const row = (model: string, mse: number): ReflectionRow => ({ model, repeat: 0, parameters: 1, trainMse: mse, testMse: mse, nfe: 1, nfeStart: 1, nfeEnd: 1, seconds: 0, failure: null });
    const claims = reflectionClaims([row('NODE', 0.33), row('N-CODE open-loop', 1e-4), row('adaptive-depth', 0.3)], 0.34);
    expect(claims.map((c) => judge(c).verdict)).toEqual(['reproduced', 'reproduced', 'not reproduced']);
  });
});

describe('a command through the runner', () => {
  it('writes results.json with the run and every row, and a report with the claims', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'bench-reflection-'));
    const tiny: BenchCommand = {
      ...reflectionCommand,
      run: async (context): Promise<CommandResult> => {
        const run = runReflection({ trainPoints: 4, testPoints: 3, steps: 1, learningRate: 0.01, repeats: 1, seed: context.options.seed, solver: rk4, models: ['NODE'] });
        return { data: { rows: run.rows }, report: { title: 'tiny', summary: [], sections: [] }, plots: [], terminal: '' };
      },
    };
    const sink = new Writable({ write: (_chunk, _encoding, done) => done() });
    try {
      const files = await runBenchCommand(tiny, { quick: true, seed: 9, backend: 'cpu', out: folder }, { stdout: sink, stderr: sink });
      const json = JSON.parse(await readFile(files.json, 'utf8'));
      expect(json.run.command).toBe('reflection');
      expect(json.run.options.seed).toBe(9);
      expect(json.rows[0].model).toBe('NODE');
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
