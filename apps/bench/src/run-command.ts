import { cpus, platform } from 'node:os';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { writeFileAtomic } from './atomic-file';
import type { BenchCommand, CommonOptions } from './bench-command';
import { writePlot } from './plot';
import { startProgress } from './progress';
import { renderReport } from './report';
import { setUpTfjs } from './tfjs-setup';

/** Where a run's files went. */
export interface RunFiles {
  folder: string;
  json: string;
  report: string;
  plots: Array<{ svg: string; png: string }>;
}

export interface RunStreams {
  /** Tables and the summary. */
  stdout: NodeJS.WritableStream;
  /** Progress. */
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

// JSON has no NaN or ±Infinity: write null, which readers cannot mistake for a number.
function finiteOrNull(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? null : value;
}

/**
 * Runs one command: loads the backend, runs it, and writes `<out>/results.json` (every number and
 * how the run was made), `<out>/report.md` and each plot as SVG + PNG, all atomically; then prints
 * the command's tables and where the files are.
 */
export async function runBenchCommand(
  command: BenchCommand,
  options: CommonOptions,
  streams: RunStreams = { stdout: process.stdout, stderr: process.stderr },
): Promise<RunFiles> {
  const { backend, tfjsVersion } = await setUpTfjs(options.backend);
  const startedAt = new Date();
  const start = performance.now();
  const result = await command.run({
    options,
    backend,
    progress: (label, total, first) => startProgress(label, total, first, streams.stderr),
  });
  const folder = options.out ?? join('results', command.name);
  const plots = [];
  for (const plot of result.plots) plots.push(await writePlot(folder, plot));
  const report = renderReport({
    ...result.report,
    sections: [
      ...result.report.sections,
      ...(result.plots.length > 0
        ? [{ heading: 'Plots', images: result.plots.map((plot) => ({ path: `${plot.name}.png`, alt: plot.title })) }]
        : []),
    ],
  });
  const files: RunFiles = { folder, json: join(folder, 'results.json'), report: join(folder, 'report.md'), plots };
  const durationSeconds = (performance.now() - start) / 1000;
  const run = {
    command: command.name,
    options,
    backend,
    tfjsVersion,
    node: process.version,
    platform: platform(),
    cpu: { model: cpus()[0]?.model ?? 'unknown', count: cpus().length },
    startedAt: startedAt.toISOString(),
    durationSeconds,
  };
  await writeFileAtomic(files.json, `${JSON.stringify({ run, ...result.data }, finiteOrNull, 2)}\n`);
  await writeFileAtomic(files.report, report);
  const shown = (path: string) => {
    const fromHere = relative(process.cwd(), path);
    return fromHere.startsWith('..') || isAbsolute(fromHere) ? resolve(path) : fromHere;
  };
  streams.stdout.write(
    `${result.terminal}\n\n` +
      `${command.name} took ${durationSeconds.toFixed(1)} s on the ${backend} backend.\n` +
      `results: ${shown(files.json)}\nreport:  ${shown(files.report)}\n` +
      plots.map((plot) => `plot:    ${shown(plot.png)} (and .svg)\n`).join(''),
  );
  return files;
}
