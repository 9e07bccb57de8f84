import * as tf from '@tensorflow/tfjs-core';
import { odeint, type SolveOptions } from '@tfode/ode-core';
import { mlpField } from '../models/mlp-field';
import { median, timeRepeats } from '../runtime/timing';

export interface OverheadConfig {
  batch: number;
  widths: number[];
  tEnd: number;
  seed: number;
  /** Solver settings to measure, each labelled. */
  solves: Array<{ label: string; options: SolveOptions }>;
  /** Calls of f per timed batch, and timed batches (the median is kept). */
  evaluationCalls: number;
  repeats: number;
}

export interface OverheadRow {
  label: string;
  nfe: number;
  nAccepted: number;
  nRejected: number;
  /** Median wall time of one solve, ms (including reading the result back). */
  solveMs: number;
  /** solveMs / (nfe · evaluationMs): 1 means the solver costs nothing beyond its evaluations of f. */
  overhead: number;
  /** All timed solves, ms. */
  solveSamplesMs: number[];
}

export interface OverheadResult {
  batch: number;
  widths: number[];
  tEnd: number;
  /** Median time of one evaluation of f on its own, ms. */
  evaluationMs: number;
  evaluationSamplesMs: number[];
  rows: OverheadRow[];
}

/**
 * Solver overhead: wall time of a solve ÷ (NFE × time of one evaluation of f), for a
 * seeded MLP field on a batch of states. f is timed alone over many calls after a warm-up, each
 * timed batch ending with a read-back so that asynchronous backends finish their work.
 */
export function measureSolverOverhead(config: OverheadConfig, onStep: (label: string) => void = () => {}): OverheadResult {
  const mlp = mlpField(config.widths, config.seed);
  const y0 = tf.randomNormal([config.batch, config.widths[0]], 0, 1, 'float32', config.seed + 1000) as tf.Tensor2D;
  try {
    const evaluateBatch = () => {
      for (let call = 1; call < config.evaluationCalls; call++) mlp.field(0, y0).dispose();
      const last = mlp.field(0, y0);
      last.dataSync();
      last.dispose();
    };
    evaluateBatch();
    const evaluationSamplesMs = timeRepeats(config.repeats, evaluateBatch).map((ms) => ms / config.evaluationCalls);
    const evaluationMs = median(evaluationSamplesMs);
    onStep('f alone');
    const rows = config.solves.map(({ label, options }) => {
      let stats = { nfe: 0, nAccepted: 0, nRejected: 0 };
      const solve = () => {
        const solution = odeint(mlp.field, y0, [0, config.tEnd], options);
        solution.ys.dataSync();
        solution.ys.dispose();
        stats = solution.stats;
      };
      solve();
      const solveSamplesMs = timeRepeats(config.repeats, solve);
      const solveMs = median(solveSamplesMs);
      onStep(label);
      return { label, ...stats, solveMs, overhead: solveMs / (stats.nfe * evaluationMs), solveSamplesMs };
    });
    return { batch: config.batch, widths: config.widths, tEnd: config.tEnd, evaluationMs, evaluationSamplesMs, rows };
  } finally {
    y0.dispose();
    mlp.dispose();
  }
}
