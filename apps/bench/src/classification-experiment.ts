import * as tf from '@tensorflow/tfjs-core';
import { batchCount, batches } from '@tfode/datasets';
import type { ControlledODE } from '@tfode/ncode';
import type { Progress } from './progress';
import { imageClassifier, type ClassifierName } from './image-classifiers';
import { downsample, sliceBatch, type ImageData } from './image-data';
import { trainResumable, type TrainingJob } from './resumable-training';

export interface ClassificationConfig {
  models: ClassifierName[];
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** k of the conv field. */
  filters: number;
  /** a: augmented channels. */
  augment: number;
  /** dopri5 rtol = atol. */
  tolerance: number;
  /** Average-pool factor applied to the images (1 = full size). */
  downsample: number;
  seed: number;
}

export interface ClassifierResult {
  model: ClassifierName;
  testAccuracy: number;
  /** Mean forward NFE over the test batches, with the trained model. */
  meanNfe: number;
  parameters: number;
  trainSeconds: number;
  history: Array<Record<string, number>>;
}

export interface RunIo {
  checkpointFolder: string;
  resume: boolean;
  progress: (label: string, total: number, first: string) => Progress;
  interruptAfter?: number;
}

/** Softmax cross-entropy, written out: −mean Σ y log softmax(logits). */
export function crossEntropy(oneHot: tf.Tensor, logits: tf.Tensor): tf.Scalar {
  return tf.neg(tf.mean(tf.sum(tf.mul(oneHot, tf.logSoftmax(logits)), 1)));
}

function classifierJob(name: ClassifierName, data: ImageData, config: ClassificationConfig): TrainingJob<ControlledODE> {
  const [height, width, channels] = data.shape.map((d, i) => (i < 2 ? d / config.downsample : d));
  return {
    name,
    epochs: config.epochs,
    stepsPerEpoch: batchCount(data.train.size, { batchSize: config.batchSize }),
    build: () => ({
      model: imageClassifier(name, {
        height, width, channels, classes: data.train.numClasses ?? 10, filters: config.filters,
        augment: config.augment, seed: config.seed, tolerance: config.tolerance,
      }),
      optimizer: tf.train.adam(config.learningRate),
    }),
    async trainEpoch(model, optimizer, epoch, tick) {
      let loss = 0;
      let nfe = 0;
      let steps = 0;
      for await (const batch of batches(data.train, { batchSize: config.batchSize, seed: config.seed, epoch })) {
        const x = downsample(batch.x, config.downsample);
        const value = optimizer.minimize(() => crossEntropy(batch.y, model.predict(x)), true, model.variables)!;
        loss += (await value.data())[0];
        nfe += model.lastStats.forward.nfe;
        steps += 1;
        tf.dispose([value, x]);
        tick();
      }
      return { loss: loss / steps, forwardNfe: nfe / steps };
    },
  };
}

/** Test accuracy and mean forward NFE of a trained classifier, batch by batch. */
export async function evaluateClassifier(model: ControlledODE, data: ImageData, config: ClassificationConfig): Promise<{ accuracy: number; meanNfe: number }> {
  let correct = 0;
  let nfe = 0;
  let count = 0;
  for (let from = 0; from < data.test.size; from += config.batchSize) {
    const to = Math.min(from + config.batchSize, data.test.size);
    const { x, y } = sliceBatch(data.test, from, to);
    const hits = tf.tidy(() => tf.sum(tf.cast(tf.equal(tf.argMax(model.predict(downsample(x, config.downsample)), 1), tf.argMax(y, 1)), 'float32')));
    correct += (await hits.data())[0];
    nfe += model.lastStats.forward.nfe;
    count += 1;
    tf.dispose([x, y, hits]);
  }
  return { accuracy: correct / data.test.size, meanNfe: nfe / count };
}

/** Trains every classifier of `config.models` (checkpointed, resumable), then tests each. */
export async function runClassification(data: ImageData, config: ClassificationConfig, io: RunIo): Promise<ClassifierResult[]> {
  const trained = await trainResumable(config.models.map((name) => classifierJob(name, data, config)), {
    folder: io.checkpointFolder, resume: io.resume, fingerprint: JSON.stringify({ config, train: data.train.size, test: data.test.size, source: data.source }),
    progress: io.progress, label: 'classify', interruptAfter: io.interruptAfter,
  });
  const results: ClassifierResult[] = [];
  const progress = io.progress('classify test', trained.length, trained[0]?.name ?? '');
  for (const { name, model, history, trainSeconds } of trained) {
    const { accuracy, meanNfe } = await evaluateClassifier(model, data, config);
    results.push({ model: name as ClassifierName, testAccuracy: accuracy, meanNfe, parameters: model.parameterCount, trainSeconds, history });
    model.dispose();
    progress.tick(name);
  }
  progress.stop();
  return results;
}
