import { errorVsNfePlot, referencesSection, solverRunsTable } from '../benchmarks/solver-results';
import { solverSettings, sweepSolvers } from '../benchmarks/solver-sweep';
import { demoProblems } from '../data/classic-problems';
import { annuliCommand } from '../experiments/annuli';
import { g1dCommand } from '../experiments/g1d';
import { inputNetworksCommand } from '../experiments/input-networks';
import { nanodeMemoryCommand } from '../experiments/nanode-memory';
import { reflectionCommand } from '../experiments/reflection';
import { markdownTable } from '../report/report';
import type { BenchCommand, CommandContext, CommandResult } from '../runtime/bench-command';

const stepSize = 0.01;
const rtol = 1e-6;
const atolRatio = 1e-2;
const outputCount = 21;

/** The four classic problems × every method, one setting each. */
function solverTour(context: CommandContext): CommandResult {
  const settings = solverSettings([stepSize], [rtol], atolRatio);
  const progress = context.progress('solvers', demoProblems.length * settings.length, `${demoProblems[0].name} · ${settings[0].method}`);
  const sweep = sweepSolvers(demoProblems, settings, outputCount, (run) => progress.tick(`${run.problem} · ${run.method}`));
  progress.stop();
  const table = solverRunsTable(sweep.runs, true);
  const setup =
    `Fixed-step methods at h = ${stepSize}; adaptive ones at rtol = ${rtol.toExponential()}, atol = ${(rtol * atolRatio).toExponential()}. ` +
    `${outputCount} output times per problem; backend ${context.backend}.`;
  return {
    data: { config: { stepSize, rtol, atol: rtol * atolRatio, outputCount }, references: sweep.references, runs: sweep.runs },
    report: { title: 'Classic ODEs × every solver', summary: [setup], sections: [referencesSection(sweep.references), { heading: 'Results', table }] },
    plots: [errorVsNfePlot(sweep.runs, 'error-vs-nfe', 'Max error vs function evaluations (demo settings)')],
    terminal: `${setup}\n\n${markdownTable(table)}`,
  };
}

/** `npm run demo`: the solver tour, then the quick reflection, g1d, annuli, input-networks and nanode-memory experiments, in one report. */
export const demoCommand: BenchCommand = {
  name: 'demo',
  summary: 'quick tour: classic ODEs × every solver, then the quick reflection, g1d, annuli, input-networks and nanode-memory experiments (always quick)',
  async run(context) {
    const quick: CommandContext = { ...context, options: { ...context.options, quick: true } };
    const parts: Array<[string, string, CommandResult]> = [
      ['solvers', 'Classic ODEs × every solver', solverTour(quick)],
      ['reflection', 'Reflection φ(x) = −x (N-CODE Fig 4, Dissecting Fig 3/5)', await reflectionCommand.run(quick)],
      ['g1d', "ANODE's g_1d: NODE vs ANODE vs ResNet (ANODE slides)", await g1dCommand.run(quick)],
      ['annuli', 'Concentric annuli (N-CODE Fig 5, Dissecting Fig 7, ANODE NFE)', await annuliCommand.run(quick)],
      ['input-networks', 'Mind your input networks (Dissecting Fig 6)', await inputNetworksCommand.run(quick)],
      ['nanode-memory', 'Activation memory against depth (NANODE Table 1)', await nanodeMemoryCommand.run(quick)],
    ];
    return {
      data: Object.fromEntries(parts.map(([key, , part]) => [key, part.data])),
      report: {
        title: 'tfode demo: solvers, reflection, g_1d, annuli, input networks and activation memory (quick variants)',
        summary: ['Each part is the `--quick` variant of its command; run `tfode-bench reflection`, `g1d`, `annuli`, `input-networks` or `nanode-memory` for the full experiments.'],
        sections: parts.flatMap(([, heading, part]) => [
          { heading, paragraphs: part.report.summary },
          ...part.report.sections.map((section) => ({ ...section, heading: `${heading}: ${section.heading}` })),
        ]),
      },
      plots: parts.flatMap(([key, , part]) => part.plots.map((plot) => (key === 'solvers' ? plot : { ...plot, name: `${key}-${plot.name}` }))),
      terminal: parts.map(([, heading, part]) => `## ${heading}\n\n${part.terminal}`).join('\n\n'),
    };
  },
};
