import { Command, InvalidArgumentError, Option, type OutputConfiguration } from 'commander';
import type { BenchCommand, CommonOptions } from '../runtime/bench-command';

const backends = ['wasm', 'cpu', 'tensorflow'] as const;

function parseSeed(value: string): number {
  const seed = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(seed)) {
    throw new InvalidArgumentError(`expected a non-negative integer, got "${value}".`);
  }
  return seed;
}

function parseThreads(value: string): number {
  const threads = Number(value);
  if (!/^\d+$/.test(value) || threads < 1 || threads > 64) throw new InvalidArgumentError(`expected a whole number of threads from 1 to 64, got "${value}".`);
  return threads;
}

/**
 * The `tfode-bench` command line: one subcommand per registered command, each taking the common
 * options. `run` is called with the command and its parsed options; `output` redirects commander's
 * help and error text (tests).
 */
export function createProgram(
  commands: readonly BenchCommand[],
  run: (command: BenchCommand, options: CommonOptions) => Promise<unknown>,
  output?: OutputConfiguration,
): Command {
  const program = new Command('tfode-bench')
    .description('tfode benchmarks and paper experiments: each run writes results.json, report.md and SVG/PNG plots')
    .showHelpAfterError('(run with --help for usage)')
    .helpCommand(true);
  if (output) program.configureOutput(output);
  for (const benchCommand of commands) {
    const subcommand = program
      .command(benchCommand.name)
      .description(benchCommand.summary)
      .option('--quick', 'run the small variant (seconds)', false)
      .addOption(new Option('--seed <n>', 'random seed (non-negative integer)').argParser(parseSeed).default(0))
      .addOption(new Option('--backend <name>', 'tfjs backend (default: the best that loads, or TFODE_BACKEND)').choices(backends))
      .option('--out <dir>', `results folder (default: results/${benchCommand.name})`)
      .addOption(new Option('--wasm-threads <n>', 'threads of the wasm backend: above 1, its threaded build (faster on large matMuls, slower on small ones)').argParser(parseThreads))
      .option('--no-fast-kernels', "on wasm, run tfjs's own kernels instead of @tfode/kernels' (the baseline they are measured against)")
      .option('--no-relaxed-simd', 'on wasm, run the fast kernels on fixed-width SIMD only (default: relaxed SIMD, fused multiply–adds, turned on in Node 20)')
      .showHelpAfterError('(run with --help for usage)');
    const own = (benchCommand.flags ?? []).map((flag) => {
      const option = new Option(flag.flags, flag.description);
      if (flag.choices) option.choices(flag.choices);
      if (flag.default !== undefined) option.default(flag.default);
      subcommand.addOption(option);
      return option.attributeName();
    });
    subcommand.action(async (options: CommonOptions & Record<string, string | boolean | undefined>) => {
      const common: CommonOptions = { quick: options.quick, seed: options.seed, backend: options.backend, out: options.out };
      if (options.wasmThreads !== undefined) common.wasmThreads = options.wasmThreads;
      if (options.relaxedSimd === false) common.relaxedSimd = false;
      if (options.fastKernels === false) common.fastKernels = false;
      if (own.length > 0) common.args = Object.fromEntries(own.map((name) => [name, options[name]]));
      await run(benchCommand, common);
    });
    if (output) subcommand.configureOutput(output);
  }
  return program;
}
