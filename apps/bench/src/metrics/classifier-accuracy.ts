import * as tf from '@tensorflow/tfjs-core';
import type { ArrayDataset } from '@tfode/datasets';
import type { ImageClassifier } from '../models/image-classifiers';
import { sliceBatch } from '../data/image-data';

/** Accuracy and mean forward NFE per batch of a trained classifier on `images` (test or validation), as `prepare` makes them. */
export async function classifierAccuracy(
  model: ImageClassifier,
  images: ArrayDataset,
  options: { batchSize: number; prepare: (x: tf.Tensor) => tf.Tensor },
): Promise<{ accuracy: number; meanNfe: number }> {
  let correct = 0;
  let nfe = 0;
  let count = 0;
  for (let from = 0; from < images.size; from += options.batchSize) {
    const to = Math.min(from + options.batchSize, images.size);
    const { x, y } = sliceBatch(images, from, to);
    try {
      const hits = tf.tidy(() => tf.sum(tf.cast(tf.equal(tf.argMax(model.predict(options.prepare(x)), 1), tf.argMax(y, 1)), 'float32')));
      correct += (await hits.data())[0];
      hits.dispose();
    } finally {
      tf.dispose([x, y]);
    }
    nfe += model.lastStats.forward.nfe;
    count += 1;
  }
  return { accuracy: correct / images.size, meanNfe: nfe / count };
}
