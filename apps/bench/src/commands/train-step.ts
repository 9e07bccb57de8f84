import type { GradientMode } from '@tfode/adjoint';
import { runTrainStep, trainStepSolvers, type TrainStepRow } from '../benchmarks/train-step-benchmark';
import { markdownTable, type Table } from '../report/report';
import type { BenchCommand } from '../runtime/bench-command';

const modes: GradientMode[] = ['backprop', 'adjoint', 'checkpoint'];

// torchdiffeq 0.2.5 on this 2-core machine, 2 torch threads (shared/peers/README.md, five runs).
const peer: Record<string, string> = {
  'rk4 h=0.1 backprop': '14–23 ms (NFE 40)',
  'rk4 h=0.1 adjoint': '30–42 ms (NFE 80)',
  'dopri5 rtol=1e-3 atol=1e-4 backprop': '28–102 ms (NFE ≈ 39)',
  'dopri5 rtol=1e-3 atol=1e-4 adjoint': '37–52 ms (NFE ≈ 58.5 fwd+bwd)',
};

function table(rows: TrainStepRow[]): Table {
  return {
    columns: ['solver', 'gradient', 'median step ms', 'forward NFE', 'backward NFE', 'peak MB', 'final loss', 'torchdiffeq (peer README)'],
    rows: rows.map((r) => [
      r.label,
      r.mode,
      Number(r.medianMs.toFixed(2)),
      Number(r.forwardNfe.toFixed(1)),
      Number(r.backwardNfe.toFixed(1)),
      Number((r.peakBytes / 1e6).toFixed(2)),
      Number(r.finalLoss.toFixed(3)),
      peer[`${r.label} ${r.mode}`] ?? '—',
    ]),
  };
}

/** `train-step`: the concentric-annuli training step of the peer benchmark, per solver × gradient mode. */
export const trainStepCommand: BenchCommand = {
  name: 'train-step',
  summary: 'one NODE training step on annuli (batch 256, 3→64→64→2 MLP, Adam): median ms, NFE, peak bytes per solver × gradient mode',
  async run(context) {
    const config = { batch: 256, hidden: 64, steps: context.options.quick ? 8 : 30, warmup: 5, seed: context.options.seed };
    const total = trainStepSolvers.length * modes.length * config.steps;
    const progress = context.progress('train-step', total, `${trainStepSolvers[0].label} backprop`);
    const rows: TrainStepRow[] = [];
    for (const solver of trainStepSolvers) {
      for (const mode of modes) rows.push(runTrainStep(config, solver, mode, () => progress.tick(`${solver.label} ${mode}`)));
    }
    progress.stop();
    const results = table(rows);
    const description =
      `Batch ${config.batch} concentric annuli; f = 3→${config.hidden}→${config.hidden}→2 tanh MLP on [z, t]; linear head; ` +
      `Adam 1e-2; BCE loss; ${config.steps} steps, median after ${config.warmup} warm-up steps, on the ${context.backend} backend. ` +
      'Peak MB: the most tensor memory alive at any evaluation of f during a step. Compare with the peer by ratio, ' +
      'run in the same minute: absolute times on this shared machine drift by ±50 %.';
    return {
      data: { config, backend: context.backend, rows },
      report: {
        title: 'train-step: a NODE training step, three gradient modes',
        summary: [description],
        sections: [{ heading: 'Results', table: results }],
      },
      plots: [],
      terminal: markdownTable(results),
    };
  },
};
