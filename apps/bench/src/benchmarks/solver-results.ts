import type { Plot } from '../plots/plot';
import type { ReportSection, Table } from '../report/report';
import type { SolverRun, SweepResult } from './solver-sweep';

/** Solver runs as a table: method, setting, NFE, steps, max error, wall time (failures say why). */
export function solverRunsTable(runs: SolverRun[], withProblem: boolean): Table {
  const columns = ['method', 'setting', 'NFE', 'accepted', 'rejected', 'max error', 'wall ms'];
  return {
    columns: withProblem ? ['problem', ...columns] : columns,
    rows: runs.map((run) => {
      const cells = [
        run.method,
        run.setting,
        run.nfe,
        run.nAccepted,
        run.nRejected,
        run.failure === null ? run.maxError : `failed: ${run.failure.split(':')[0]}`,
        Number(run.wallMs.toFixed(1)),
      ];
      return withProblem ? [run.problem, ...cells] : cells;
    }),
    align: [...(withProblem ? ['left' as const] : []), 'left', 'left', 'right', 'right', 'right', 'right', 'right'],
  };
}

/** What each problem's errors are measured against. */
export function referencesSection(references: SweepResult['references']): ReportSection {
  return {
    heading: 'Problems and references',
    paragraphs: [
      'Errors are the largest |y − y_ref| over all components at evenly spaced output times on [0, tEnd] ' +
        '(so they include each method\'s dense output). Problems without a closed form are measured ' +
        'against classical RK4 in float64 at 10⁴ steps per unit time, independent of the tensor solvers; its ' +
        'estimated error (Richardson, from a run at half the steps) is listed. The solvers run in float32: ' +
        'errors below ~1e-6 relative to the solution\'s size are rounding, not truncation, and tightening ' +
        'rtol past 1e-7 buys steps, not digits.',
    ],
    table: {
      columns: ['problem', 'equation', 'tEnd', 'reference', 'reference error'],
      rows: references.map((reference) => [
        reference.problem,
        reference.description,
        Number(reference.tEnd.toFixed(4)),
        reference.kind,
        reference.estimatedError,
      ]),
    },
  };
}

/** Powers of ten covering `values` (log-axis ticks and grid lines, one per decade). */
function decades(values: number[]): number[] {
  if (values.length === 0) return [];
  const low = Math.floor(Math.log10(Math.min(...values)));
  const high = Math.ceil(Math.log10(Math.max(...values)));
  return Array.from({ length: high - low + 1 }, (_, i) => 10 ** (low + i));
}

/**
 * Work–precision plot: max error against NFE on log–log axes, one panel per problem, one colour per
 * method (points joined in order of NFE when a method ran at several settings). Failed runs are left out.
 */
export function errorVsNfePlot(runs: SolverRun[], name: string, title: string): Plot {
  const values = runs
    .filter((run) => run.failure === null && run.maxError > 0)
    .map(({ problem, method, setting, nfe, maxError, wallMs }) => ({ problem, method, setting, nfe, maxError, wallMs }));
  return {
    name,
    title,
    spec: {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      title,
      data: { values },
      facet: { field: 'problem', type: 'nominal', title: null, sort: [...new Set(values.map((value) => value.problem))] },
      columns: 4,
      spec: {
        width: 220,
        height: 180,
        mark: { type: 'line', point: { size: 40 }, strokeWidth: 1.5 },
        encoding: {
          x: { field: 'nfe', type: 'quantitative', scale: { type: 'log' }, title: 'NFE', axis: { format: '~s', values: decades(values.map((value) => value.nfe)) } },
          y: { field: 'maxError', type: 'quantitative', scale: { type: 'log' }, title: 'max error', axis: { format: '.0e', values: decades(values.map((value) => value.maxError)) } },
          color: { field: 'method', type: 'nominal', sort: [...new Set(values.map((value) => value.method))], scale: { scheme: 'category10' } },
          order: { field: 'nfe', type: 'quantitative' },
          tooltip: [{ field: 'method' }, { field: 'setting' }, { field: 'nfe' }, { field: 'maxError' }],
        },
      },
    },
  };
}
