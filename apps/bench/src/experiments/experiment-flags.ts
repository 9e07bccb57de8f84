import { join } from 'node:path';
import type { CommandFlag, CommonOptions } from '../runtime/bench-command';
import { imageDatasetNames, type ImageDatasetName } from '../data/image-data';

/** Flags shared by the image experiments (classify, autoencode, cluster). */
export const imageExperimentFlags: readonly CommandFlag[] = [
  { flags: '--dataset <name>', description: 'image data set', choices: imageDatasetNames, default: 'mnist' },
  { flags: '--data-dir <dir>', description: "raw files: CIFAR-10 binary batches (required for cifar10), Fashion-MNIST IDX (default Debian's)" },
  { flags: '--resume', description: 'continue from the checkpoint in <out>/checkpoint after an interruption', default: false },
];

export interface ImageExperimentArgs {
  dataset: ImageDatasetName;
  dataDir?: string;
  resume: boolean;
  /** Results folder and the checkpoint folder inside it. */
  out: string;
  checkpointFolder: string;
}

/** The shared flags' values, with the results folder resolved (results/<command> by default). */
export function readImageExperimentArgs(command: string, options: CommonOptions): ImageExperimentArgs {
  const args = options.args ?? {};
  const out = options.out ?? join('results', command);
  return {
    dataset: (args.dataset as ImageDatasetName | undefined) ?? 'mnist',
    dataDir: typeof args.dataDir === 'string' ? args.dataDir : undefined,
    resume: args.resume === true,
    out,
    checkpointFolder: join(out, 'checkpoint'),
  };
}
