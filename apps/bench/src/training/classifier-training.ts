import * as tf from '@tensorflow/tfjs-core';
import type { GradientMode } from '@tfode/adjoint';
import type { GammaInit } from '@tfode/ncode';
import { batchCount, batches } from '@tfode/datasets';
import { channelMeans, downsample, type ImageData } from '../data/image-data';
import { imageClassifier, type ClassifierName, type ClassifierReadout, type ImageClassifier } from '../models/image-classifiers';
import { crossEntropy } from './cross-entropy';
import type { TrainingJob } from './resumable-training';
import { stepOrStop } from './step-or-stop';

export interface ClassificationConfig {
  models: ClassifierName[];
  epochs: number;
  batchSize: number;
  /**
   * Adam step sizes swept for every model: each model trains at each with the first seed, is scored on
   * `validationSize` held-out training images, and its other seeds run at the best one. One rate: no sweep.
   */
  learningRates: number[];
  /** Training images held out to choose the learning rate (not trained on); 0 with a single rate. */
  validationSize: number;
  /** How open-loop N-CODE's γ heads start (ImageClassifierOptions.gammaInit). */
  gammaInit: GammaInit;
  /**
   * Parameters each model is sized to (its conv field's k chosen to come nearest, filtersForBudget),
   * as Dissecting Table 1 compares models at ≈ 20 K; or a fixed k for every model (`filters`).
   */
  size: { budget: number } | { filters: number };
  /** What the linear readout reads of x(T) (ImageClassifierOptions.readout). */
  readout: ClassifierReadout;
  /** Seeds of the runs per model (initial weights and batch order); the table gives mean ± standard error. */
  seeds: number;
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
  /** Subtract each channel's training mean from the images (centred inputs); default false. */
  centre?: boolean;
  seed: number;
}

/** One classifier of the run: which model, with which seed, conv width and Adam step size. */
export interface ClassifierRun {
  name: ClassifierName;
  seed: number;
  filters: number;
  learningRate: number;
}

/**
 * One classifier as a checkpointed training job: Adam on the cross-entropy, one epoch per pass over the
 * training images.
 */
export function classifierJob(run: ClassifierRun, data: ImageData, config: ClassificationConfig): TrainingJob<ImageClassifier> {
  const { seed } = run;
  const prepare = classifierInputs(data, config);
  return {
    name: `${run.name} · seed ${seed} · Adam ${run.learningRate}`,
    epochs: config.epochs,
    stepsPerEpoch: batchCount(data.train.size, { batchSize: config.batchSize }),
    build: () => ({ model: imageClassifier(run.name, { ...classifierOptions(data, config, seed), filters: run.filters }), optimizer: tf.train.adam(run.learningRate) }),
    async trainEpoch(model, optimizer, epoch, tick) {
      let loss = 0;
      let nfe = 0;
      let steps = 0;
      for await (const batch of batches(data.train, { batchSize: config.batchSize, seed, epoch })) {
        const x = prepare(batch.x);
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

/** The options every classifier of the run shares (all but k). */
export function classifierOptions(data: ImageData, config: ClassificationConfig, seed: number) {
  const [height, width, channels] = data.shape.map((d, i) => (i < 2 ? d / config.downsample : d));
  return {
    height, width, channels, classes: data.train.numClasses ?? 10, augment: config.augment, seed,
    tolerance: config.tolerance, gradient: config.gradient, maxSteps: config.maxSteps, readout: config.readout, gammaInit: config.gammaInit,
  };
}

/** The images as the classifiers see them: average-pooled by `downsample`, and centred when `centre` asks. */
export function classifierInputs(data: ImageData, config: Pick<ClassificationConfig, 'downsample' | 'centre'>): (x: tf.Tensor) => tf.Tensor4D {
  const means = config.centre ? channelMeans(data.train) : undefined;
  return (x) => tf.tidy(() => {
    const pooled = downsample(x, config.downsample);
    return means ? tf.sub(pooled, tf.tensor1d(means)) : pooled;
  });
}
