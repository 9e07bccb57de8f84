import type { BackendName } from '@tfode/ode-core';
import type { Plot } from '../plots/plot';
import type { Report } from '../report/report';
import type { Progress } from './progress';
import type { UnitCache } from './unit-cache';

/** The options every command takes. */
export interface CommonOptions {
  /** Run the small variant (seconds, for the demo and CI). */
  quick: boolean;
  seed: number;
  /** Force a backend; undefined → the best that loads. */
  backend?: BackendName;
  /** Results folder; undefined → results/<command>. */
  out?: string;
  /** Threads of the wasm backend (its threaded build above 1); undefined → 1. */
  wasmThreads?: number;
  /** On wasm, run the fast kernels on relaxed SIMD (fused multiply–adds), turning it on in Node 20; undefined → true. */
  relaxedSimd?: boolean;
  /** On wasm, install @tfode/kernels' fast kernels; false runs tfjs's own (the baseline they are measured against); undefined → true. */
  fastKernels?: boolean;
  /** Values of the command's own flags (`BenchCommand.flags`) by camelCase name; absent when it has none. */
  args?: Record<string, string | boolean | undefined>;
}

/** A flag of one command only, e.g. `--dataset <name>` (takes a value) or `--resume` (a switch). */
export interface CommandFlag {
  /** As commander spells them: '--dataset <name>', '--resume'. */
  flags: string;
  description: string;
  choices?: readonly string[];
  default?: string | boolean;
}

/** What a command gets to do its work. */
export interface CommandContext {
  options: CommonOptions;
  /** The backend the run is on. */
  backend: BackendName;
  progress(label: string, total: number, first: string): Progress;
  /** The run's finished units (one trained model each), read back instead of recomputed under `--resume`. */
  units: UnitCache;
}

/** What a command hands back; the runner writes it (results.json, report.md, plots) and prints `terminal`. */
export interface CommandResult {
  /** Every number of the run, for results.json. */
  data: Record<string, unknown>;
  report: Report;
  plots: Plot[];
  /** Markdown printed to the terminal at the end (the headline tables). */
  terminal: string;
}

/** One command of the CLI, listed in cli/command-registry.ts: a benchmark under commands/, or an experiment (experiments/, made by `experimentCommand`). */
export interface BenchCommand {
  name: string;
  summary: string;
  /** Flags of this command only, beside the common ones. */
  flags?: readonly CommandFlag[];
  run(context: CommandContext): Promise<CommandResult>;
}
