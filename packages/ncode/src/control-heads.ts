import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from '@tfode/ode-core';
import type { Activation } from '@tfode/nanode-bases';
import { MLP } from './mlp';
import { Module } from './module';

export interface ControlHeadsOptions {
  seed: number;
  /** Hidden sizes of the trunk; default [10] (N-CODE App C.2). */
  hidden?: number[];
  /** Of the trunk; default 'linear' (App C.2: "a very simple linear transformation into 10 hidden units"). */
  activation?: Activation;
  /** Scale of the heads' initial kernels; default 1. */
  gain?: number;
}

/**
 * The open-loop controller γ: a trunk MLP from the flattened input, then one linear head per block of
 * controlled weights; θ0 = [head₁(h) : head₂(h) : …] of shape [B, Σ blockSizes].
 */
export class ControlHeads extends Module {
  readonly inputs: number;
  readonly blockSizes: number[];
  private readonly trunk: MLP | null;
  private readonly heads: MLP[];

  constructor(inputs: number, blockSizes: number[], options: ControlHeadsOptions) {
    super();
    if (blockSizes.length === 0 || blockSizes.some((n) => !Number.isInteger(n) || n < 1)) {
      throw new InvalidArgumentError(`ControlHeads needs positive block sizes, got [${blockSizes}]`);
    }
    this.inputs = inputs;
    this.blockSizes = [...blockSizes];
    const hidden = options.hidden ?? [10];
    const activation = options.activation ?? 'linear';
    this.trunk = hidden.length === 0 ? null
      : this.addModule('trunk', new MLP([inputs, ...hidden], { seed: options.seed, activation, outputActivation: activation }));
    const width = hidden[hidden.length - 1] ?? inputs;
    this.heads = blockSizes.map((size, i) =>
      this.addModule(`head${i}`, new MLP([width, size], { seed: options.seed + 1 + i, activation: 'linear', gain: options.gain })));
  }

  get outputs(): number {
    return this.blockSizes.reduce((p, d) => p + d, 0);
  }

  /** input: [B, ...] (flattened to [B, inputs]) → θ0 [B, outputs]. */
  apply(input: tf.Tensor): tf.Tensor2D {
    return tf.tidy(() => {
      const flat = tf.reshape(input, [input.shape[0], -1]);
      if (flat.shape[1] !== this.inputs) {
        throw new InvalidArgumentError(`ControlHeads expects ${this.inputs} input values per sample, got [${input.shape}]`);
      }
      const h = this.trunk ? this.trunk.apply(flat) : flat;
      return tf.concat(this.heads.map((head) => head.apply(h)), 1) as tf.Tensor2D;
    });
  }
}
