import { join } from 'node:path';
import { imageDatasetNames, loadImageData, type ImageData, type ImageDatasetName } from '../data/image-data';
import type { CommandContext, CommandFlag, CommonOptions } from '../runtime/bench-command';
import type { TrainingIo } from '../training/train-on-images';

/** Flags shared by the image experiments (classify, autoencode, cluster); `--resume` is every experiment's (resumeFlag). */
export const imageExperimentFlags: readonly CommandFlag[] = [
  { flags: '--dataset <name>', description: 'image data set', choices: imageDatasetNames, default: 'mnist' },
  { flags: '--data-dir <dir>', description: "raw files: CIFAR-10 binary batches (required for cifar10), Fashion-MNIST IDX (default Debian's)" },
];

/** A variant of an image experiment: how many images of each split, and its configuration (the seed is the run's). */
export interface ImageSizes<Config> {
  trainSize: number;
  testSize: number;
  config: Omit<Config, 'seed'>;
}

/** An image experiment's run: the images it asks for, where its files and checkpoints go, and its configuration. */
export interface ImageRun<Config> {
  dataset: ImageDatasetName;
  /** --data-dir: the raw files. */
  dataDir?: string;
  trainSize: number;
  testSize: number;
  /** The results folder (results/<command> by default). */
  out: string;
  checkpoint: TrainingIo['checkpoint'];
  config: Config;
}

/**
 * The `configure` of an image experiment: the variant's sizes, the shared flags' values, and its
 * configuration with the run's seed and `overrides` (from the experiment's own flags).
 */
export function imageRun<Config extends { seed: number }>(
  command: string,
  sizes: ImageSizes<Config>,
  options: CommonOptions,
  overrides: Partial<Config> = {},
): ImageRun<Config> {
  const args = options.args ?? {};
  const out = options.out ?? join('results', command);
  return {
    dataset: (args.dataset as ImageDatasetName | undefined) ?? 'mnist',
    dataDir: typeof args.dataDir === 'string' ? args.dataDir : undefined,
    trainSize: sizes.trainSize,
    testSize: sizes.testSize,
    out,
    checkpoint: { folder: join(out, 'checkpoint'), resume: args.resume === true },
    config: { ...sizes.config, ...overrides, seed: options.seed } as Config,
  };
}

/** The run's images: seeded subsets of `trainSize` and `testSize` of the data set's splits. */
export function loadRunImages(run: ImageRun<{ seed: number }>): Promise<ImageData> {
  return loadImageData(run.dataset, { seed: run.config.seed, trainSize: run.trainSize, testSize: run.testSize, dataDir: run.dataDir });
}

/** How the run's training is checkpointed and shows progress; `interruptAfter` is the tests' hook. */
export function trainingIo(run: ImageRun<unknown>, context: CommandContext, interruptAfter?: number): TrainingIo {
  return { checkpoint: run.checkpoint, progress: context.progress, interruptAfter };
}

/** What results.json says of the images: which set, where from, how many of each split. */
export function imageFacts(run: ImageRun<unknown>, data: ImageData) {
  return { dataset: run.dataset, source: data.source, trainSize: data.train.size, testSize: data.test.size };
}

/** The images in words, the setup's first sentence; `shape` is e.g. " (28×28×1)". */
export function imagesSentence(run: ImageRun<unknown>, data: ImageData, shape = ''): string {
  return `${run.dataset}: ${data.train.size} training and ${data.test.size} test images${shape} from ${data.source}.`;
}
