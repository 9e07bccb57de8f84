import * as tf from '@tensorflow/tfjs-core';
import type { ImageClassifier } from '../models/image-classifiers';
import { sliceBatch, type ImageData } from '../data/image-data';

/** Test accuracy and mean forward NFE per batch of a trained classifier, on the test images as `prepare` makes them. */
export async function classifierAccuracy(
  model: ImageClassifier,
  data: ImageData,
  options: { batchSize: number; prepare: (x: tf.Tensor) => tf.Tensor },
): Promise<{ accuracy: number; meanNfe: number }> {
  let correct = 0;
  let nfe = 0;
  let count = 0;
  for (let from = 0; from < data.test.size; from += options.batchSize) {
    const to = Math.min(from + options.batchSize, data.test.size);
    const { x, y } = sliceBatch(data.test, from, to);
    const hits = tf.tidy(() => tf.sum(tf.cast(tf.equal(tf.argMax(model.predict(options.prepare(x)), 1), tf.argMax(y, 1)), 'float32')));
    correct += (await hits.data())[0];
    nfe += model.lastStats.forward.nfe;
    count += 1;
    tf.dispose([x, y, hits]);
  }
  return { accuracy: correct / data.test.size, meanNfe: nfe / count };
}
