import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import type { BenchCommand, CommonOptions } from '../runtime/bench-command';
import { createProgram } from './program';

const fakeCommand: BenchCommand = {
  name: 'fake',
  summary: 'a command that records its options',
  run: async () => ({ data: {}, report: { title: '', summary: [], sections: [] }, plots: [], terminal: '' }),
};

const flaggedCommand: BenchCommand = {
  ...fakeCommand,
  name: 'flagged',
  flags: [
    { flags: '--dataset <name>', description: 'which data', choices: ['mnist', 'fashion-mnist'], default: 'mnist' },
    { flags: '--resume', description: 'continue', default: false },
  ],
};

/** Parses `args` with a program whose runs are recorded and whose output is captured. */
async function parse(args: string[]) {
  const calls: Array<{ command: string; options: CommonOptions }> = [];
  let output = '';
  const program = createProgram([fakeCommand, flaggedCommand], async (command, options) => calls.push({ command: command.name, options }), {
    writeOut: (text) => (output += text),
    writeErr: (text) => (output += text),
  });
  program.exitOverride();
  for (const command of program.commands) command.exitOverride();
  let error: CommanderError | undefined;
  try {
    await program.parseAsync(['node', 'tfode-bench', ...args]);
  } catch (caught) {
    if (!(caught instanceof CommanderError)) throw caught;
    error = caught;
  }
  return { calls, output, error };
}

describe('command-line arguments', () => {
  it('defaults: not quick, seed 0, best backend, results/<command>', async () => {
    const { calls, error } = await parse(['fake']);
    expect(error).toBeUndefined();
    expect(calls).toEqual([{ command: 'fake', options: { quick: false, seed: 0, backend: undefined, out: undefined } }]);
  });

  it('passes every common option through', async () => {
    const { calls } = await parse(['fake', '--quick', '--seed', '42', '--backend', 'cpu', '--out', '/tmp/x', '--wasm-threads', '2', '--no-fast-kernels', '--no-relaxed-simd']);
    expect(calls[0].options).toEqual({ quick: true, seed: 42, backend: 'cpu', out: '/tmp/x', wasmThreads: 2, fastKernels: false, relaxedSimd: false });
  });

  it("passes a command's own flags as args (defaults included) and checks their choices", async () => {
    expect((await parse(['flagged'])).calls[0].options.args).toEqual({ dataset: 'mnist', resume: false });
    expect((await parse(['flagged', '--dataset', 'fashion-mnist', '--resume'])).calls[0].options.args).toEqual({ dataset: 'fashion-mnist', resume: true });
    const { calls, output } = await parse(['flagged', '--dataset', 'svhn']);
    expect(calls).toEqual([]);
    expect(output).toMatch(/Allowed choices are mnist, fashion-mnist/);
    expect((await parse(['fake', '--dataset', 'mnist'])).error?.code).toBe('commander.unknownOption');
  });

  it('rejects an unknown flag, naming it', async () => {
    const { calls, output, error } = await parse(['fake', '--fast']);
    expect(calls).toEqual([]);
    expect(error?.code).toBe('commander.unknownOption');
    expect(output).toContain("unknown option '--fast'");
    expect(output).toContain('--help');
  });

  it('rejects a backend that is not one of wasm, cpu, tensorflow, listing the choices', async () => {
    const { calls, output, error } = await parse(['fake', '--backend', 'webgl']);
    expect(calls).toEqual([]);
    expect(error?.code).toBe('commander.invalidArgument');
    expect(output).toMatch(/Allowed choices are wasm, cpu, tensorflow/);
  });

  it.each(['abc', '-1', '1.5', ''])('rejects the seed "%s"', async (seed) => {
    const { calls, output, error } = await parse(['fake', '--seed', seed]);
    expect(calls).toEqual([]);
    expect(error?.code).toBe('commander.invalidArgument');
    expect(output).toContain(`expected a non-negative integer, got "${seed}"`);
  });

  it.each(['0', '65', '1.5', 'two'])('rejects --wasm-threads "%s"', async (threads) => {
    const { calls, output, error } = await parse(['fake', '--wasm-threads', threads]);
    expect(calls).toEqual([]);
    expect(error).toBeDefined();
    expect(output).toContain(`expected a whole number of threads from 1 to 64, got "${threads}"`);
  });

  it('rejects an unknown command', async () => {
    const { calls, output, error } = await parse(['reflections']);
    expect(calls).toEqual([]);
    expect(error?.code).toBe('commander.unknownCommand');
    expect(output).toContain("unknown command 'reflections'");
  });

  it('--help lists the commands; a command\'s --help lists the common options', async () => {
    const top = await parse(['--help']);
    expect(top.error?.code).toBe('commander.helpDisplayed');
    expect(top.output).toContain('fake');
    expect(top.output).toContain('a command that records its options');
    const sub = await parse(['fake', '--help']);
    expect(sub.calls).toEqual([]);
    for (const flag of ['--quick', '--seed <n>', '--backend <name>', '--out <dir>']) expect(sub.output).toContain(flag);
  });
});
