import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { BackendName } from '@tfode/ode-core';
import { describe, expect, it } from 'vitest';
import { gaussianDecay } from './classic-problems';
import { createSolversCommand, type SolversVariant } from './commands/solvers';
import { runBenchCommand } from './run-command';

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
