import type { BenchCommand } from '../bench-command';
import { demoProblems } from '../classic-problems';
import { markdownTable } from '../report';
import { errorVsNfePlot, referencesSection, solverRunsTable } from '../solver-results';
import { solverSettings, sweepSolvers } from '../solver-sweep';

const stepSize = 0.01;
const rtol = 1e-6;
const atolRatio = 1e-2;
const outputCount = 21;

/** `npm run demo`: the four classic problems × every method, one setting each (issue 3, item 10). */
export const demoCommand: BenchCommand = {
  name: 'demo',
  summary: 'quick tour: four classic ODEs × every solver, a table and a work–precision plot (always quick)',
  async run(context) {
    const settings = solverSettings([stepSize], [rtol], atolRatio);
    const progress = context.progress('demo', demoProblems.length * settings.length, `${demoProblems[0].name} · ${settings[0].method}`);
    const sweep = sweepSolvers(demoProblems, settings, outputCount, (run) => progress.tick(`${run.problem} · ${run.method}`));
    progress.stop();
    const table = solverRunsTable(sweep.runs, true);
    const setup =
      `Fixed-step methods at h = ${stepSize}; adaptive ones at rtol = ${rtol.toExponential()}, atol = ${(rtol * atolRatio).toExponential()}. ` +
      `${outputCount} output times per problem; backend ${context.backend}.`;
    return {
      data: { config: { stepSize, rtol, atol: rtol * atolRatio, outputCount }, references: sweep.references, runs: sweep.runs },
      report: {
        title: 'tfode demo: classic ODEs × every solver',
        summary: [setup],
        sections: [referencesSection(sweep.references), { heading: 'Results', table }],
      },
      plots: [errorVsNfePlot(sweep.runs, 'error-vs-nfe', 'Max error vs function evaluations (demo settings)')],
      terminal: `${setup}\n\n${markdownTable(table)}`,
    };
  },
};
