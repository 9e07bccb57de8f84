import * as tf from '@tensorflow/tfjs-core';
import type { GradientMode } from '@tfode/adjoint';
import { batchCount, batches } from '@tfode/datasets';
import type { ControlledODE } from '@tfode/ncode';
import { downsample, type ImageData } from '../data/image-data';
import { imageClassifier, type ClassifierName } from '../models/image-classifiers';
import { crossEntropy } from './cross-entropy';
import type { TrainingJob } from './resumable-training';
import { stepOrStop } from './step-or-stop';

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

/** One classifier as a checkpointed training job: Adam on the cross-entropy, one epoch per pass over the training images. */
export function classifierJob(name: ClassifierName, data: ImageData, config: ClassificationConfig): TrainingJob<ControlledODE> {
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
        try {
          loss += await stepOrStop(optimizer, () => crossEntropy(batch.y, model.predict(x)), model.variables, () => ({ loss: loss / steps, forwardNfe: nfe / steps }));
        } finally {
          x.dispose();
        }
        nfe += model.lastStats.forward.nfe;
        steps += 1;
        tick();
      }
      return { loss: loss / steps, forwardNfe: nfe / steps };
    },
  };
}
