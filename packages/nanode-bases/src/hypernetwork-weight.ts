import * as tf from '@tensorflow/tfjs-core';
import { SeededRandom } from '@tfode/seeded-random';
import { countParameters } from './time-dependent-layer';
import { trainableVariable } from './trainable-variable';
import { requirePositiveInteger, requireShape } from './validate';

export interface HypernetworkWeightOptions {
  seed: number;
  /** Length of each learned embedding v_ij; default 4. */
  embeddingSize?: number;
  /** Width of the hidden tanh layer of Ψ; default 16. */
  hiddenSize?: number;
}

/**
 * W_ij(t) = Ψ([v_ij, t]) (NANODE §2.3.1 Eq 11): every entry has a learned
 * embedding v_ij, and one shared network Ψ(z) = tanh(z·A + a)·B + b maps it, with t appended,
 * to the entry's value. Costs O(entries · hiddenSize) per evaluation.
 */
export class HypernetworkWeight {
  readonly shape: readonly number[];
  readonly embeddings: tf.Variable;
  readonly hiddenWeights: tf.Variable;
  readonly hiddenBias: tf.Variable;
  readonly outputWeights: tf.Variable;
  readonly outputBias: tf.Variable;

  constructor(shape: readonly number[], { seed, embeddingSize = 4, hiddenSize = 16 }: HypernetworkWeightOptions) {
    requireShape('HypernetworkWeight shape', shape);
    requirePositiveInteger('embeddingSize', embeddingSize);
    requirePositiveInteger('hiddenSize', hiddenSize);
    this.shape = [...shape];
    const entries = shape.reduce((a, b) => a * b, 1);
    const random = new SeededRandom(seed);
    const normal = (rows: number, cols: number, std: number) =>
      trainableVariable(random.normals(rows * cols, std), [rows, cols]);
    this.embeddings = normal(entries, embeddingSize, 1);
    this.hiddenWeights = normal(embeddingSize + 1, hiddenSize, 1 / Math.sqrt(embeddingSize + 1));
    this.hiddenBias = trainableVariable(new Float32Array(hiddenSize), [hiddenSize]);
    this.outputWeights = normal(hiddenSize, 1, 1 / Math.sqrt(hiddenSize));
    this.outputBias = trainableVariable(new Float32Array(1), [1]);
  }

  get variables(): tf.Variable[] {
    return [this.embeddings, this.hiddenWeights, this.hiddenBias, this.outputWeights, this.outputBias];
  }

  get parameterCount(): number {
    return countParameters(this.variables);
  }

  /** W(t), shape `shape`. */
  at(t: number): tf.Tensor {
    return tf.tidy(() => {
      const entries = this.embeddings.shape[0];
      const inputs = tf.concat([this.embeddings, tf.fill([entries, 1], t)], 1); // [v_ij, t]
      const hidden = tf.tanh(tf.add(tf.matMul(inputs, this.hiddenWeights), this.hiddenBias));
      const values = tf.add(tf.matMul(hidden, this.outputWeights), this.outputBias);
      return tf.reshape(values, this.shape as number[]);
    });
  }

  dispose(): void {
    for (const v of this.variables) v.dispose();
  }
}
