import type { BackendName } from '@tfode/ode-core';
import type { Plot } from '../plots/plot';
import { claimsSection, claimsTable, judge, type PaperClaim } from '../report/paper-claims';
import { markdownTable, type ReportSection } from '../report/report';
import type { BenchCommand, CommandContext, CommandFlag, CommonOptions } from '../runtime/bench-command';

/** The two sizes of an experiment: `--quick` (seconds to minutes: the demo, CI) and the full run. */
export interface Variants<Variant> {
  quick: Variant;
  full: Variant;
}

/** A finished run: its configuration, what the experiment's `run` returned, and the backend it ran on. */
export interface FinishedRun<Config, Result> {
  config: Config;
  result: Result;
  backend: BackendName;
}

/**
 * One experiment, declared: its variants, its run, and how a finished run reads (tables, the papers'
 * claims, plots, the numbers for results.json). `experimentCommand` makes it a command of the CLI, so
 * a new experiment is one file under experiments/ that fills this in, and one line in the registry.
 */
export interface Experiment<Variant, Config, Result> {
  /** The command's name. */
  name: string;
  /** One line for --help. */
  summary: string;
  /** Flags of this experiment only, beside the common ones. */
  flags?: readonly CommandFlag[];
  variants: Variants<Variant>;
  /** This run's configuration: the chosen variant with the seed (`seeded`), and the experiment's own flags. */
  configure(variant: Variant, options: CommonOptions): Config;
  /** The work; `context.progress` shows how far it is. */
  run(config: Config, context: CommandContext): Result | Promise<Result>;
  title(run: FinishedRun<Config, Result>): string;
  /** What was run, in one paragraph: the report's first, and printed above the tables. */
  setup(run: FinishedRun<Config, Result>): string;
  /** Further paragraphs under the setup, in the report only (caveats, the papers' numbers). */
  notes?(run: FinishedRun<Config, Result>): string[];
  /** The results: every section's paragraphs and table are printed too; its images are the report's. */
  sections(run: FinishedRun<Config, Result>): ReportSection[];
  /** The papers' claims and our checks of them: the "Paper vs ours" section (its table printed too), and `claims` with their verdicts in results.json. */
  claims?(run: FinishedRun<Config, Result>): PaperClaim[];
  plots?(run: FinishedRun<Config, Result>): Plot[];
  /** Every number of the run, for results.json. */
  data(run: FinishedRun<Config, Result>): Record<string, unknown>;
}

/** Every experiment's `--resume`: its finished models (image experiments: also its epochs) are read back from `<out>/checkpoint`. */
export const resumeFlag: CommandFlag = {
  flags: '--resume',
  description: 'continue from <out>/checkpoint after an interruption: finished models (and, for the image experiments, epochs) are read back, not trained again',
  default: false,
};

/** The configuration of an experiment that has no flags of its own: the variant, with the run's seed. */
export function seeded<Variant>(variant: Variant, options: CommonOptions): Variant & { seed: number } {
  return { ...variant, seed: options.seed };
}

/**
 * The command that runs `experiment`: the variant `--quick` asks for, configured, run and reported.
 * The report is the setup and notes, the result sections, then "Paper vs ours"; the terminal gets the
 * setup, the sections' paragraphs and tables, and the claims table.
 */
export function experimentCommand<Variant, Config, Result>(experiment: Experiment<Variant, Config, Result>): BenchCommand {
  return {
    name: experiment.name,
    summary: experiment.summary,
    flags: [...(experiment.flags ?? []), resumeFlag],
    async run(context) {
      const config = experiment.configure(experiment.variants[context.options.quick ? 'quick' : 'full'], context.options);
      const finished: FinishedRun<Config, Result> = { config, result: await experiment.run(config, context), backend: context.backend };
      const setup = experiment.setup(finished);
      const sections = experiment.sections(finished);
      const claims = experiment.claims?.(finished);
      const printed = sections.flatMap((section) => [...(section.paragraphs ?? []), ...(section.table ? [markdownTable(section.table)] : [])]);
      return {
        data: { ...experiment.data(finished), ...(claims ? { claims: claims.map(judge) } : {}) },
        report: {
          title: experiment.title(finished),
          summary: [setup, ...(experiment.notes?.(finished) ?? [])],
          sections: claims ? [...sections, claimsSection(claims)] : sections,
        },
        plots: experiment.plots?.(finished) ?? [],
        terminal: [setup, ...printed, ...(claims ? [markdownTable(claimsTable(claims))] : [])].join('\n\n'),
      };
    },
  };
}
