import * as tf from '@tensorflow/tfjs-core';
import { batchCount, batches, type ArrayDataset } from '@tfode/datasets';
import { sliceBatch, type ImageData } from '../data/image-data';
import { makeAutoencoder, type Autoencoder, type AutoencoderName, type AutoencoderOptions } from '../models/autoencoders';
import { plateauLearningRate, setLearningRate } from './plateau-learning-rate';
import type { TrainingJob } from './resumable-training';
import { stepOrStop } from './step-or-stop';

/** What the autoencode and cluster experiments train: the models, their sizes, and Adam's run (App C.4). */
export interface AutoencoderTrainingConfig extends Omit<AutoencoderOptions, 'inputs'> {
  models: AutoencoderName[];
  epochs: number;
  batchSize: number;
  learningRate: number;
}

/** Seed of every random draw of one step: a function of (seed, epoch, step) only, so a resumed epoch replays. */
function stepSeed(seed: number, epoch: number, step: number): number {
  return (seed * 1_000_003 + epoch * 10_007 + step) % 2_147_483_647;
}

/**
 * One autoencoder as a checkpointed training job (Adam, its rate halved when the training loss
 * plateaus, App C.4; the loss is the model's own). A failed solve or a non-finite loss stops it
 * (TrainingStopped), as for the classifiers.
 */
function autoencoderJob(name: AutoencoderName, train: ArrayDataset, model: AutoencoderOptions, t: AutoencoderTrainingConfig): TrainingJob<Autoencoder> {
  return {
    name,
    epochs: t.epochs,
    stepsPerEpoch: batchCount(train.size, { batchSize: t.batchSize }),
    build: () => ({ model: makeAutoencoder(name, model), optimizer: tf.train.adam(t.learningRate) }),
    async trainEpoch(ae, optimizer, epoch, tick, history) {
      setLearningRate(optimizer, plateauLearningRate(t.learningRate, history.map((metrics) => metrics.loss)));
      let loss = 0;
      let step = 0;
      for await (const batch of batches(train, { batchSize: t.batchSize, seed: t.seed, epoch })) {
        const x = tf.reshape(batch.x, [batch.x.shape[0], -1]) as tf.Tensor2D;
        try {
          loss += await stepOrStop(optimizer, () => ae.loss(x, stepSeed(t.seed, epoch, step)), ae.variables, () => ({ loss: loss / step }));
        } finally {
          x.dispose();
        }
        step += 1;
        tick();
      }
      return { loss: loss / step };
    },
  };
}

/** A job for each model of `config.models`, trained on `data`'s training images. */
export function autoencoderJobs(data: ImageData, config: AutoencoderTrainingConfig): Array<TrainingJob<Autoencoder>> {
  const options: AutoencoderOptions = {
    inputs: data.shape.reduce((p, d) => p * d, 1), latent: config.latent, hidden: config.hidden, seed: config.seed,
    tolerance: config.tolerance, maxSteps: config.maxSteps,
  };
  return config.models.map((name) => autoencoderJob(name, data.train, options, config));
}

/** Latent codes of every image of `data`, [N, latent] as rows (fixed noise seed: AutoN-CODE's x(0)). */
export async function encodeAll(ae: Autoencoder, data: ArrayDataset, seed: number, batchSize = 250): Promise<number[][]> {
  const rows: number[][] = [];
  for (let from = 0; from < data.size; from += batchSize) {
    const { x, y } = sliceBatch(data, from, Math.min(from + batchSize, data.size));
    const code = tf.tidy(() => ae.encode(tf.reshape(x, [x.shape[0], -1]) as tf.Tensor2D, seed + from));
    rows.push(...(code.arraySync() as number[][]));
    tf.dispose([x, y, code]);
  }
  return rows;
}
