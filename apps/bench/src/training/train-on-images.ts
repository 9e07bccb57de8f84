import type { Module } from '@tfode/ncode';
import type { ImageData } from '../data/image-data';
import type { Progress } from '../runtime/progress';
import { trainResumable, type TrainedModel, type TrainingJob } from './resumable-training';

/** Where an image experiment's training is checkpointed, and how it shows progress. */
export interface TrainingIo {
  checkpoint: {
    /** `<out>/checkpoint`. */
    folder: string;
    /** Continue from the checkpoint (--resume). */
    resume: boolean;
  };
  progress: (label: string, total: number, first: string) => Progress;
  /** Test hook: stop after this many checkpoints (see ResumableOptions). */
  interruptAfter?: number;
}

/**
 * Trains `jobs` on `data`, checkpointed and resumable, under the fingerprint of the configuration and
 * the data (sizes and source, and `extra`), so that a checkpoint of another run is refused.
 */
export function trainOnImages<M extends Module>(
  label: string,
  jobs: Array<TrainingJob<M>>,
  data: ImageData,
  config: object,
  io: TrainingIo,
  extra: Record<string, unknown> = {},
): Promise<Array<TrainedModel<M>>> {
  return trainResumable(jobs, {
    folder: io.checkpoint.folder,
    resume: io.checkpoint.resume,
    fingerprint: JSON.stringify({ config, train: data.train.size, test: data.test.size, source: data.source, ...extra }),
    progress: io.progress,
    label,
    interruptAfter: io.interruptAfter,
  });
}
