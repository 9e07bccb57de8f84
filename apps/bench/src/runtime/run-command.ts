import { writeFileAtomic } from '@tfode/ncode/node';
import { constants } from 'node:fs';
import { access, mkdir, rm } from 'node:fs/promises';
import { cpus, platform } from 'node:os';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { writePlot } from '../plots/plot';
import { renderReport } from '../report/report';
import type { BenchCommand, CommonOptions } from './bench-command';
import { startProgress } from './progress';
import { setUpTfjs } from './tfjs-setup';
import { unitCache } from './unit-cache';

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

/** The results folder cannot be used; raised before the command runs, naming the folder. */
export class OutputFolderError extends Error {
  override name = 'OutputFolderError';
}

/**
 * Makes `files.folder` ready for a run, before any work: creates it, checks that files can be made
 * in it, and removes the previous run's results.json and report.md, since from here on the folder's
 * files are this run's.
 */
async function startRunFolder(files: Pick<RunFiles, 'folder' | 'json' | 'report'>): Promise<void> {
  const { folder } = files;
  try {
    await mkdir(folder, { recursive: true });
    await access(folder, constants.W_OK);
    await rm(files.json, { force: true });
    await rm(files.report, { force: true });
  } catch (error) {
    throw new OutputFolderError(`cannot write the results to ${folder} (${(error as Error).message}); choose another --out`, { cause: error });
  }
}

/**
 * Runs one command: makes sure the results folder `<out>` can be written, loads the backend, runs
 * the command, writes each plot as SVG + PNG, `<out>/report.md` and last `<out>/results.json` (every
 * number and how the run was made), each atomically; then prints the command's tables and where the
 * files are. results.json marks a complete run: the previous run's results.json and report.md are
 * removed before the command starts, and report.md is written after the plots it shows, so a folder
 * with results.json holds one run's files, and a run that failed or was killed leaves none (nor a
 * report beside plots it does not describe).
 */
export async function runBenchCommand(
  command: BenchCommand,
  options: CommonOptions,
  streams: RunStreams = { stdout: process.stdout, stderr: process.stderr },
): Promise<RunFiles> {
  const folder = options.out ?? join('results', command.name);
  const paths = { folder, json: join(folder, 'results.json'), report: join(folder, 'report.md') };
  await startRunFolder(paths);
  const { backend, tfjsVersion, simd } = await setUpTfjs(options.backend, options.wasmThreads, options.relaxedSimd, options.fastKernels);
  const { resume, ...flags } = options.args ?? {};
  const units = await unitCache({
    file: join(folder, 'checkpoint', 'units.json'),
    resume: resume === true,
    // simd: the fast kernels' build in effect (absent without them), so --no-fast-kernels and --no-relaxed-simd runs keep their own units
    fingerprint: JSON.stringify({ command: command.name, quick: options.quick, seed: options.seed, backend, simd, flags }),
  });
  const startedAt = new Date();
  const start = performance.now();
  const result = await command.run({
    options,
    backend,
    progress: (label, total, first) => startProgress(label, total, first, streams.stderr),
    units,
  });
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
  const files: RunFiles = { ...paths, plots };
  const durationSeconds = (performance.now() - start) / 1000;
  const run = {
    command: command.name,
    options,
    backend,
    ...(simd === undefined ? {} : { simd }),
    tfjsVersion,
    node: process.version,
    platform: platform(),
    cpu: { model: cpus()[0]?.model ?? 'unknown', count: cpus().length },
    startedAt: startedAt.toISOString(),
    durationSeconds,
  };
  await writeFileAtomic(files.report, report);
  await writeFileAtomic(files.json, `${JSON.stringify({ run, ...result.data }, finiteOrNull, 2)}\n`);
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
