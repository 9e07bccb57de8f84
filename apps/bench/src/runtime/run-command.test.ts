import { chmod, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fastKernelsInstalled } from '@tfode/kernels';
import type { BackendName } from '@tfode/ode-core';
import { describe, expect, it } from 'vitest';
import { createSolversCommand, type SolversVariant } from '../commands/solvers';
import { gaussianDecay } from '../data/classic-problems';
import type { PlotSpec } from '../plots/plot';
import type { BenchCommand, CommandResult } from './bench-command';
import { OutputFolderError, runBenchCommand } from './run-command';
import { setUpTfjs } from './tfjs-setup';
import { UnitCacheMismatchError } from './unit-cache';

function sink() {
  let text = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += String(chunk);
      done();
    },
  });
  return { stream, text: () => text };
}

const tiny: SolversVariant = { problems: [gaussianDecay], stepSizes: [0.5], tolerances: [1e-3], evaluationCalls: 2, repeats: 1 };

describe('the solvers command, tiny configuration', () => {
  it('runs and writes results.json, report.md and the plot, and prints its tables and paths', async () => {
    const out = await mkdtemp(join(tmpdir(), 'tfode-bench-solvers-'));
    const [stdout, stderr] = [sink(), sink()];
    const backend = (process.env.TFODE_BACKEND ?? 'cpu') as BackendName;
    const command = createSolversCommand({ full: tiny, quick: tiny });
    const files = await runBenchCommand(command, { quick: true, seed: 3, backend, out }, { stdout: stdout.stream, stderr: stderr.stream });

    expect((await readdir(out)).sort()).toEqual(['error-vs-nfe.png', 'error-vs-nfe.svg', 'report.md', 'results.json']);
    const results = JSON.parse(await readFile(files.json, 'utf8'));
    expect(results.run).toMatchObject({ command: 'solvers', backend, options: { quick: true, seed: 3, out } });
    expect(results.runs).toHaveLength(10);
    expect(results.runs.map((run: { method: string }) => run.method)).toContain('dopri8');
    expect(results.overhead.rows.map((row: { label: string }) => row.label)).toEqual(['dopri5 rtol=1e-5 atol=1e-7', 'rk4 h=0.05']);
    expect(results.overhead.rows[1].nfe).toBe(4 * 200); // rk4, 10 time units at h = 0.05
    expect(results.config.problems).toEqual(['gaussian']);

    const report = await readFile(files.report, 'utf8');
    expect(report).toContain('## Solver overhead');
    expect(report).toContain('| dopri5    | rtol=1e-3 |');
    expect(report).toContain('![Work–precision: max error vs function evaluations](error-vs-nfe.png)');
    expect(stdout.text()).toContain('## gaussian');
    expect(stdout.text()).toContain(`results: ${files.json}`);
    expect(stderr.text()).toMatch(/solvers 13\/13 \(100%\) .* · done/);
  });
});

const spec: PlotSpec = {
  data: { values: [{ x: 1, y: 2 }, { x: 2, y: 1 }] },
  mark: 'line',
  encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } },
};

/** A command that records whether it ran and returns two plots, `first` and `second`. */
function recordingCommand() {
  const calls = { ran: 0 };
  const result: CommandResult = {
    data: { value: 1 },
    report: { title: 'new', summary: ['the new run'], sections: [] },
    plots: ['first', 'second'].map((name) => ({ name, title: name, spec })),
    terminal: '',
  };
  const command: BenchCommand = { name: 'recording', summary: 'records its runs', run: async () => (calls.ran++, result) };
  return { command, calls };
}

const quiet = () => ({ stdout: sink().stream, stderr: sink().stream });
const backend = (process.env.TFODE_BACKEND ?? 'cpu') as BackendName;

describe('the results folder', () => {
  it.each([
    ['is an existing file', (root: string) => join(root, 'taken')],
    ['is under an existing file', (root: string) => join(root, 'taken', 'out')],
  ])('is checked before the command runs: a --out that %s is an OutputFolderError naming it', async (_what, outIn) => {
    const root = await mkdtemp(join(tmpdir(), 'tfode-bench-out-'));
    await writeFile(join(root, 'taken'), 'not a folder');
    const out = outIn(root);
    const { command, calls } = recordingCommand();
    const running = runBenchCommand(command, { quick: true, seed: 0, backend, out }, quiet());
    await expect(running).rejects.toThrow(OutputFolderError);
    await expect(running).rejects.toThrow(`cannot write the results to ${out}`);
    expect(calls.ran).toBe(0);
  });

  it.skipIf(process.getuid?.() === 0)('is checked before the command runs: an unwritable --out is an OutputFolderError naming it', async () => {
    const root = await mkdtemp(join(tmpdir(), 'tfode-bench-out-'));
    const out = join(root, 'locked');
    await mkdir(out);
    await chmod(out, 0o500);
    const { command, calls } = recordingCommand();
    await expect(runBenchCommand(command, { quick: true, seed: 0, backend, out }, quiet())).rejects.toThrow(`cannot write the results to ${out}`);
    expect(calls.ran).toBe(0);
    await chmod(out, 0o700);
  });

  it('is created, parents included, before the run', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'tfode-bench-out-')), 'a', 'b');
    const files = await runBenchCommand(recordingCommand().command, { quick: true, seed: 0, backend, out }, quiet());
    expect((await readdir(out)).sort()).toEqual(['first.png', 'first.svg', 'report.md', 'results.json', 'second.png', 'second.svg']);
    expect(JSON.parse(await readFile(files.json, 'utf8')).value).toBe(1);
  });

  it("never holds a previous run's results.json or report.md beside a new run's plots when the final writes stop partway", async () => {
    const out = await mkdtemp(join(tmpdir(), 'tfode-bench-out-'));
    for (const name of ['results.json', 'report.md', 'first.svg', 'first.png']) await writeFile(join(out, name), 'old run');
    await mkdir(join(out, 'second.svg')); // writing the second plot fails, after the first was written
    const { command, calls } = recordingCommand();
    await expect(runBenchCommand(command, { quick: true, seed: 0, backend, out }, quiet())).rejects.toThrow(/could not write .*second\.svg/);
    expect(calls.ran).toBe(1);
    expect(await readFile(join(out, 'first.svg'), 'utf8')).toContain('</svg>');
    expect((await readdir(out)).sort()).toEqual(['first.png', 'first.svg', 'second.svg']);
  });
});

describe('--no-fast-kernels', () => {
  it("runs on wasm with tfjs's own kernels and says so in results.json; the next run installs them again, and their units are not mixed", async () => {
    const seen: boolean[] = [];
    const command: BenchCommand = {
      name: 'kernels',
      summary: 'records whether the fast kernels are installed',
      run: async ({ units }) => {
        seen.push(fastKernelsInstalled());
        await units.run('unit', async () => 1);
        return { data: {}, report: { title: 'kernels', summary: [], sections: [] }, plots: [], terminal: '' };
      },
    };
    const out = await mkdtemp(join(tmpdir(), 'tfode-bench-kernels-'));
    try {
      const files = await runBenchCommand(command, { quick: true, seed: 0, backend: 'wasm', out, fastKernels: false }, quiet());
      const { run } = JSON.parse(await readFile(files.json, 'utf8'));
      expect(run).toMatchObject({ backend: 'wasm', options: { fastKernels: false } });
      expect(run.simd).toBeUndefined();
      await runBenchCommand(command, { quick: true, seed: 0, backend: 'wasm', out }, quiet());
      expect(seen).toEqual([false, true]);
      // the units of a run with the fast kernels are not resumed without them
      const resumed = runBenchCommand(command, { quick: true, seed: 0, backend: 'wasm', out, fastKernels: false, args: { resume: true } }, quiet());
      await expect(resumed).rejects.toBeInstanceOf(UnitCacheMismatchError);
    } finally {
      await setUpTfjs(backend);
    }
  });
});
