import * as tf from '@tensorflow/tfjs-core';
import { batchCount, batches } from '@tfode/datasets';
import type { GradientMode } from '@tfode/adjoint';
import { SolveFailedError } from '@tfode/ode-core';
import type { ControlledODE } from '@tfode/ncode';
import type { Progress } from '../runtime/progress';
import { imageClassifier, type ClassifierName } from '../models/image-classifiers';
import { downsample, sliceBatch, type ImageData } from '../data/image-data';
import { trainResumable, TrainingStopped, type TrainingJob } from '../training/resumable-training';

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
  /**
   * How gradients go through the solver. 'checkpoint' gives backprop's gradient with the memory of one
   * step: backprop's tape grows by tens of MB per evaluation at batch 16 on 28×28×11 states, and a
   * model whose NFE climbed to 62 exhausted the wasm heap.
   */
  gradient: GradientMode;
  /** Attempted dopri5 steps per solve before the model is stopped as too stiff (MaxStepsExceededError). */
  maxSteps: number;
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
  /** Why training stopped early; such a model is not tested (accuracy and NFE are NaN). */
  stopped?: string;
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
        augment: config.augment, seed: config.seed, tolerance: config.tolerance, gradient: config.gradient, maxSteps: config.maxSteps,
      }),
      optimizer: tf.train.adam(config.learningRate),
    }),
    async trainEpoch(model, optimizer, epoch, tick) {
      let loss = 0;
      let nfe = 0;
      let steps = 0;
      for await (const batch of batches(data.train, { batchSize: config.batchSize, seed: config.seed, epoch })) {
        const x = downsample(batch.x, config.downsample);
        let value: tf.Scalar;
        try {
          value = optimizer.minimize(() => crossEntropy(batch.y, model.predict(x)), true, model.variables)!;
        } catch (error) {
          if (!(error instanceof SolveFailedError)) throw error;
          throw new TrainingStopped(error.message, { loss: loss / steps, forwardNfe: nfe / steps });
        } finally {
          x.dispose();
        }
        const stepLoss = (await value.data())[0];
        value.dispose();
        if (!Number.isFinite(stepLoss)) throw new TrainingStopped(`loss ${stepLoss}`, { loss: loss / steps, forwardNfe: nfe / steps });
        loss += stepLoss;
        nfe += model.lastStats.forward.nfe;
        steps += 1;
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
  for (const { name, model, history, trainSeconds, stopped } of trained) {
    const { accuracy, meanNfe } = stopped === undefined ? await evaluateClassifier(model, data, config) : { accuracy: Number.NaN, meanNfe: Number.NaN };
    results.push({ model: name as ClassifierName, testAccuracy: accuracy, meanNfe, parameters: model.parameterCount, trainSeconds, history, stopped });
    model.dispose();
    progress.tick(name);
  }
  progress.stop();
  return results;
}
