import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from '@tfode/ode-core';
import type { Activation } from '@tfode/nanode-bases';
import { SeededRandom } from '@tfode/seeded-random';
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
  /**
   * Fan-in of each controlled layer. Given, every head starts at the scale of the fixed-weight layer it
   * stands for: its bias is a LeCun draw of that layer (kernel N(0, 1/fanIn), bias 0) and its kernel has
   * gain 1/√fanIn, so the input-dependent part of θ is at most that scale for trunk outputs of RMS ≤ 1.
   * Not given: LeCun heads at `gain` with zero biases, so θ starts at the scale of the input.
   */
  layerFanIns?: number[];
}

/** How γ's heads start: 'lecun' (default) or 'layer-scale' (ControlHeadsOptions.layerFanIns). */
export type GammaInit = 'lecun' | 'layer-scale';

/** γ's `layerFanIns` for a field's controlled layers under `init` (undefined: LeCun heads); an unknown init is an error. */
export function gammaFanIns(init: GammaInit | undefined, blockFanIns: number[]): number[] | undefined {
  if (init !== undefined && init !== 'lecun' && init !== 'layer-scale') {
    throw new InvalidArgumentError(`gammaInit "${String(init)}": use 'lecun' or 'layer-scale'`);
  }
  return init === 'layer-scale' ? blockFanIns : undefined;
}

/** The initial bias of a head for a layer of `fanIn` inputs: a LeCun draw of its kernel, then its zero bias. */
function layerDraw(blockSize: number, fanIn: number, random: SeededRandom): Float32Array {
  const outputs = blockSize / (fanIn + 1);
  const values = new Float32Array(blockSize);
  values.set(random.normals(fanIn * outputs, 1 / Math.sqrt(fanIn)));
  return values;
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
    const fanIns = options.layerFanIns;
    if (fanIns && (fanIns.length !== blockSizes.length || fanIns.some((n, i) => !Number.isInteger(blockSizes[i] / (n + 1))))) {
      throw new InvalidArgumentError(`ControlHeads layerFanIns [${fanIns}] do not fit the blocks [${blockSizes}] (each block is fanIn·outputs + outputs)`);
    }
    const random = new SeededRandom(options.seed + blockSizes.length + 1);
    this.heads = blockSizes.map((size, i) => {
      const seed = options.seed + 1 + i;
      const head = fanIns
        ? new MLP([width, size], { seed, activation: 'linear', gain: 1 / Math.sqrt(fanIns[i]), outputBias: layerDraw(size, fanIns[i], random) })
        : new MLP([width, size], { seed, activation: 'linear', gain: options.gain });
      return this.addModule(`head${i}`, head);
    });
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
