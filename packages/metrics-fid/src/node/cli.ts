/**
 * `tfode-fid`: FID (and KID) between image folders and/or .npz statistics, or statistics of a folder.
 * Returns the exit code; the executable wrapper (bin.ts) picks the tfjs backend first.
 */
import { parseArgs } from 'node:util';
import { FidFileError, FidInputError } from '../errors';
import { REFERENCE_WEIGHTS } from '../inception-weights';
import { computeStatistics, fid } from './fid-files';
import { loadFidInceptionV3 } from './inception-weights-file';
import { progressBar } from './progress-bar';
import { saveStatistics } from './statistics-file';

export const USAGE = `usage:
  tfode-fid <images-or-stats.npz> <images-or-stats.npz> [--weights FILE] [--batch-size N] [--kid] [--json]
  tfode-fid stats <image-folder> <out.npz> --weights FILE [--batch-size N]
weights: ${REFERENCE_WEIGHTS.file} from ${REFERENCE_WEIGHTS.url}
backend: TFODE_BACKEND=wasm|cpu (default: wasm if installed, else cpu)`;

export interface CliIo {
  readonly out: { write(text: string): unknown };
  readonly err: { write(text: string): unknown; readonly isTTY?: boolean };
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        weights: { type: 'string' },
        'batch-size': { type: 'string', default: '16' },
        kid: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    io.err.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.out.write(`${USAGE}\n`);
    return 0;
  }
  const batchSize = Number(values['batch-size']);
  const onProgress = progressBar(io.err);
  try {
    if (positionals[0] === 'stats' && positionals.length === 3) {
      if (values.weights === undefined) throw new FidInputError(`stats needs --weights <path to ${REFERENCE_WEIGHTS.file}>`);
      const network = await loadFidInceptionV3(values.weights, (w) => io.err.write(`warning: ${w}\n`));
      try {
        const { statistics, imagesPerSecond } = await computeStatistics(positionals[1], { network, batchSize, onProgress });
        await saveStatistics(positionals[2], statistics);
        io.out.write(`wrote ${positionals[2]} (${statistics.count} images, ${imagesPerSecond.toFixed(2)} images/s)\n`);
      } finally {
        network.dispose();
      }
      return 0;
    }
    if (positionals.length !== 2) {
      io.err.write(`${USAGE}\n`);
      return 2;
    }
    const result = await fid(positionals[0], positionals[1], {
      weights: values.weights, batchSize, kid: values.kid, onProgress, onWarning: (w) => io.err.write(`warning: ${w}\n`),
    });
    if (values.json) {
      io.out.write(`${JSON.stringify({ fid: result.fid, kid: result.kid, imagesPerSecond: result.imagesPerSecond })}\n`);
    } else {
      io.out.write(`FID: ${result.fid}\n`);
      if (result.kid) io.out.write(`KID: ${result.kid.mean} ± ${result.kid.std}\n`);
      if (result.imagesPerSecond !== undefined) io.out.write(`feature extraction: ${result.imagesPerSecond.toFixed(2)} images/s\n`);
    }
    return 0;
  } catch (error) {
    if (error instanceof FidInputError || error instanceof FidFileError) {
      io.err.write(`error: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}
