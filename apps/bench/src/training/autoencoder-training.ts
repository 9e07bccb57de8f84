import * as tf from '@tensorflow/tfjs-core';
import { batchCount, batches, type ArrayDataset } from '@tfode/datasets';
import { makeAutoencoder, type Autoencoder, type AutoencoderName, type AutoencoderOptions } from '../models/autoencoders';
import { sliceBatch } from '../data/image-data';
import type { TrainingJob } from './resumable-training';

export interface AutoencoderTraining {
  epochs: number;
  batchSize: number;
  learningRate: number;
  seed: number;
}

/** Seed of every random draw of one step: a function of (seed, epoch, step) only, so a resumed epoch replays. */
export function stepSeed(seed: number, epoch: number, step: number): number {
  return (seed * 1_000_003 + epoch * 10_007 + step) % 2_147_483_647;
}

/** One autoencoder as a checkpointed training job (Adam, App C.4; the loss is the model's own). */
export function autoencoderJob(name: AutoencoderName, train: ArrayDataset, model: AutoencoderOptions, t: AutoencoderTraining): TrainingJob<Autoencoder> {
  return {
    name,
    epochs: t.epochs,
    stepsPerEpoch: batchCount(train.size, { batchSize: t.batchSize }),
    build: () => ({ model: makeAutoencoder(name, model), optimizer: tf.train.adam(t.learningRate) }),
    async trainEpoch(ae, optimizer, epoch, tick) {
      let loss = 0;
      let step = 0;
      for await (const batch of batches(train, { batchSize: t.batchSize, seed: t.seed, epoch })) {
        const x = tf.reshape(batch.x, [batch.x.shape[0], -1]) as tf.Tensor2D;
        const value = optimizer.minimize(() => ae.loss(x, stepSeed(t.seed, epoch, step)), true, ae.variables)!;
        loss += (await value.data())[0];
        tf.dispose([value, x]);
        step += 1;
        tick();
      }
      return { loss: loss / step };
    },
  };
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
