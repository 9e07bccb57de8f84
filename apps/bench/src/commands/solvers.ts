import { measureSolverOverhead, type OverheadConfig, type OverheadResult } from '../benchmarks/solver-overhead';
import { errorVsNfePlot, referencesSection, solverRunsTable } from '../benchmarks/solver-results';
import { solverSettings, sweepSolvers } from '../benchmarks/solver-sweep';
import { allProblems, type ClassicProblem } from '../data/classic-problems';
import { renderSection, type ReportSection, type Table } from '../report/report';
import type { BenchCommand } from '../runtime/bench-command';

const atolRatio = 1e-2;
const outputCount = 21;

/** What one variant (full or --quick) runs. */
export interface SolversVariant {
  problems: ClassicProblem[];
  stepSizes: number[];
  tolerances: number[];
  /** Overhead timing: calls of f per timed batch, and timed repeats. */
  evaluationCalls: number;
  repeats: number;
}

export const solversVariants: Record<'full' | 'quick', SolversVariant> = {
  full: { problems: allProblems, stepSizes: [0.1, 0.01, 0.001], tolerances: [1e-3, 1e-5, 1e-7], evaluationCalls: 200, repeats: 9 },
  quick: { problems: allProblems, stepSizes: [0.1, 0.01], tolerances: [1e-3, 1e-6], evaluationCalls: 50, repeats: 3 },
};

function overheadConfig(seed: number, evaluationCalls: number, repeats: number): OverheadConfig {
  return {
    batch: 256,
    widths: [2, 64, 64, 2],
    tEnd: 10,
    seed,
    evaluationCalls,
    repeats,
    solves: [
      { label: 'dopri5 rtol=1e-5 atol=1e-7', options: { method: 'dopri5', rtol: 1e-5, atol: 1e-7 } },
      { label: 'rk4 h=0.05', options: { method: 'rk4', stepSize: 0.05 } },
    ],
  };
}

function overheadTable(result: OverheadResult): Table {
  return {
    columns: ['solve', 'NFE', 'accepted', 'rejected', 'solve ms', 'NFE × f ms', 'overhead'],
    rows: result.rows.map((row) => [
      row.label,
      row.nfe,
      row.nAccepted,
      row.nRejected,
      Number(row.solveMs.toFixed(2)),
      Number((row.nfe * result.evaluationMs).toFixed(2)),
      Number(row.overhead.toFixed(3)),
    ]),
  };
}

function overheadDescription(result: OverheadResult, backend: string): string {
  return (
    `Vector field: a ${result.widths.join('→')} tanh MLP (seeded Glorot weights, t unused) on a batch of ` +
    `${result.batch} states, solved over [0, ${result.tEnd}] on the ${backend} backend. One evaluation of f alone ` +
    `takes ${result.evaluationMs.toFixed(4)} ms (median of ${result.evaluationSamplesMs.length} timed batches after a warm-up). ` +
    'Overhead = wall time of a solve ÷ (NFE × time of one evaluation): 1 would mean the solver costs nothing ' +
    'beyond evaluating f; the rest is stage combinations, the error norm and its host sync, and dense output.'
  );
}

/**
 * `solvers`: every classic problem × every method at several step sizes and tolerances, plus solver
 * overhead. `variants` replaces the sizes (tests run a tiny one).
 */
export function createSolversCommand(variants = solversVariants): BenchCommand {
  return {
    name: 'solvers',
    summary: 'every classic problem × every solver at several steps/tolerances: NFE, steps, error, time, and solver overhead',
    async run(context) {
      const variant = context.options.quick ? variants.quick : variants.full;
      const { problems } = variant;
      const settings = solverSettings(variant.stepSizes, variant.tolerances, atolRatio);
      const overheadSetup = overheadConfig(context.options.seed, variant.evaluationCalls, variant.repeats);
      const total = problems.length * settings.length + 1 + overheadSetup.solves.length;
      const progress = context.progress('solvers', total, `${problems[0].name} · ${settings[0].method}`);
      const sweep = sweepSolvers(problems, settings, outputCount, (run) => progress.tick(`${run.problem} · ${run.method} ${run.setting}`));
      const overhead = measureSolverOverhead(overheadSetup, (label) => progress.tick(`overhead: ${label}`));
      progress.stop();

      const setup =
        `Fixed-step methods at h ∈ {${variant.stepSizes.join(', ')}}; adaptive ones at rtol ∈ ` +
        `{${variant.tolerances.map((tolerance) => tolerance.toExponential()).join(', ')}} with atol = rtol × ${atolRatio}. ` +
        `${outputCount} output times per problem; backend ${context.backend}${context.options.quick ? ' (quick variant)' : ''}.`;
      const overheadSection: ReportSection = {
        heading: 'Solver overhead',
        paragraphs: [overheadDescription(overhead, context.backend)],
        table: overheadTable(overhead),
      };
      const problemSections = problems.map((problem) => ({
        heading: problem.name,
        table: solverRunsTable(sweep.runs.filter((run) => run.problem === problem.name), false),
      }));
      return {
        data: {
          config: { ...variant, problems: problems.map((problem) => problem.name), atolRatio, outputCount, overhead: overheadSetup },
          references: sweep.references,
          runs: sweep.runs,
          overhead,
        },
        report: {
          title: 'Solver benchmark: classic problems × every method',
          summary: [setup],
          sections: [referencesSection(sweep.references), overheadSection, ...problemSections],
        },
        plots: [errorVsNfePlot(sweep.runs, 'error-vs-nfe', 'Work–precision: max error vs function evaluations')],
        terminal: [setup, ...[overheadSection, ...problemSections].map(renderSection)].join('\n\n'),
      };
    },
  };
}

export const solversCommand = createSolversCommand();
