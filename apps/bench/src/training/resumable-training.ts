import type * as tf from '@tensorflow/tfjs-core';
import type { Module } from '@tfode/ncode';
import type { Progress } from '../runtime/progress';
import { TrainingCheckpoint } from './training-checkpoint';

/** One model to train for a fixed number of epochs. */
export interface TrainingJob<M extends Module = Module> {
  name: string;
  epochs: number;
  stepsPerEpoch: number;
  /** A fresh model and optimizer; the same seed must give the same initial weights. */
  build(): { model: M; optimizer: tf.Optimizer };
  /**
   * One epoch (0-based `epoch`): every random draw must come from (seed, epoch), never from a stream
   * carried across epochs, so a resumed epoch replays exactly. Calls `tick` after each step; returns
   * the epoch's metrics (e.g. mean loss). Throws TrainingStopped when the model cannot go on
   * (diverged, or its solver failed): the job then ends there, recorded, and the next one starts.
   * `history` holds the metrics of the epochs before (also after a resume), for schedules read from it.
   */
  trainEpoch(model: M, optimizer: tf.Optimizer, epoch: number, tick: () => void, history: ReadonlyArray<Record<string, number>>): Promise<Record<string, number>>;
}

/** A finished job: its model (trained, or reloaded from the checkpoint), per-epoch metrics and time spent. */
export interface TrainedModel<M extends Module = Module> {
  name: string;
  model: M;
  history: Array<Record<string, number>>;
  trainSeconds: number;
  /** Why training ended early (TrainingStopped's message); absent when every epoch ran. */
  stopped?: string;
}

interface JobRecord {
  name: string;
  history: Array<Record<string, number>>;
  trainSeconds: number;
  /** Epochs done; equal to the job's epochs when it is finished. */
  epochsDone: number;
  stopped?: string;
}

interface TrainingState {
  /** What the run is (the config): a checkpoint of another configuration must not be resumed. */
  fingerprint: string;
  jobs: JobRecord[];
}

/**
 * Thrown by a job's `trainEpoch` when its model cannot go on: a non-finite loss, or a solver error
 * such as too many steps for a learned field that became stiff. `metrics` are the partial epoch's.
 */
export class TrainingStopped extends Error {
  override name = 'TrainingStopped';
  constructor(
    message: string,
    readonly metrics: Record<string, number>,
  ) {
    super(message);
  }
}

/** Thrown by the test hook `interruptAfter` to simulate a crash right after a checkpoint was written. */
export class TrainingInterrupted extends Error {
  override name = 'TrainingInterrupted';
}

export interface ResumableOptions {
  /** Checkpoint folder (e.g. `<out>/checkpoint`). */
  folder: string;
  /** Continue from the checkpoint in `folder` if there is one; otherwise start afresh (deleting it). */
  resume: boolean;
  /** Identifies the configuration; resuming a checkpoint written under another one is refused. */
  fingerprint: string;
  progress: (label: string, total: number, first: string) => Progress;
  label: string;
  /** Test hook: stop (throw TrainingInterrupted) after this many checkpoints have been written. */
  interruptAfter?: number;
}

/**
 * Trains `jobs` in order, writing a checkpoint after every epoch of every job: the weights of every
 * model trained so far, the optimizer's state of the current one, and each job's epoch count and
 * metrics. With `resume`, finished jobs are reloaded, the current one continues after its last
 * complete epoch, and the run ends with exactly the models and metrics of an uninterrupted run.
 */
export async function trainResumable<M extends Module>(jobs: Array<TrainingJob<M>>, options: ResumableOptions): Promise<Array<TrainedModel<M>>> {
  const checkpoint = new TrainingCheckpoint<TrainingState>(options.folder);
  const saved = options.resume ? await checkpoint.read() : undefined;
  if (!options.resume) await checkpoint.clear();
  if (saved && saved.state.fingerprint !== options.fingerprint) {
    throw new Error(
      `the checkpoint in ${options.folder} was written by another configuration (${saved.state.fingerprint}); ` +
        `run with the same options, or without --resume to start afresh (${options.fingerprint})`,
    );
  }
  const records: JobRecord[] = jobs.map((job, i) => saved?.state.jobs[i] ?? { name: job.name, history: [], trainSeconds: 0, epochsDone: 0 });
  const total = jobs.reduce((n, job) => n + job.epochs * job.stepsPerEpoch, 0);
  const progress = options.progress(options.label, total, jobs[0]?.name ?? '');
  let written = 0;
  const trained: Array<TrainedModel<M>> = [];
  for (const [index, job] of jobs.entries()) {
    const record = records[index];
    const { model, optimizer } = job.build();
    if (saved && record.epochsDone > 0) {
      await checkpoint.loadModel(saved.snapshot, job.name, model);
      if (record.epochsDone < job.epochs && record.stopped === undefined) await checkpoint.loadOptimizer(saved.snapshot, optimizer);
    }
    const done = record.stopped === undefined ? record.epochsDone : job.epochs;
    for (let s = 0; s < done * job.stepsPerEpoch; s++) progress.tick(job.name);
    for (let epoch = record.epochsDone; epoch < job.epochs && record.stopped === undefined; epoch++) {
      const start = performance.now();
      let ticks = 0;
      try {
        record.history.push(await job.trainEpoch(model, optimizer, epoch, () => {
          ticks += 1;
          progress.tick(`${job.name} epoch ${epoch + 1}/${job.epochs}`);
        }, record.history));
      } catch (error) {
        if (!(error instanceof TrainingStopped)) throw error;
        record.history.push(error.metrics);
        record.stopped = `epoch ${epoch + 1}, step ${ticks + 1}: ${error.message}`;
        const skipped = (job.epochs - epoch) * job.stepsPerEpoch - ticks;
        for (let s = 0; s < skipped; s++) progress.tick(`${job.name} stopped`);
      }
      record.trainSeconds += (performance.now() - start) / 1000;
      record.epochsDone = epoch + 1;
      const models = Object.fromEntries([...trained.map((t) => [t.name, t.model] as const), [job.name, model] as const]);
      await checkpoint.write({ fingerprint: options.fingerprint, jobs: records }, models, optimizer);
      written += 1;
      if (options.interruptAfter !== undefined && written >= options.interruptAfter) {
        progress.stop();
        throw new TrainingInterrupted(`interrupted after ${written} checkpoint(s), as asked`);
      }
    }
    optimizer.dispose();
    trained.push({ name: job.name, model, history: record.history, trainSeconds: record.trainSeconds, stopped: record.stopped });
  }
  progress.stop();
  return trained;
}
