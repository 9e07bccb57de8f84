import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from '@tfode/ode-core';
import { SeededRandom } from '@tfode/nanode-bases';
import { resolveActivation, type Activation } from '@tfode/nanode-bases';
import { affine } from './affine';
import { splitControl } from './control-split';
import { lecunNormal } from './initialization';
import { Module } from './module';

export interface MLPOptions {
  /** Seed of the LeCun-normal kernels (biases start at zero). */
  seed: number;
  /** Between layers; default 'tanh'. */
  activation?: Activation;
  /** After the last layer; default 'linear'. */
  outputActivation?: Activation;
  /** Scale of the initial kernels; default 1. */
  gain?: number;
  /**
   * Layers whose kernel and bias are not variables but come per sample from a control θ
   * (open/closed-loop N-CODE): 'all', or layer indices. Default none.
   */
  controlled?: 'all' | number[];
}

/**
 * A multilayer perceptron sizes[0] → … → sizes[last], x: [B, sizes[0]]. With `controlled` layers,
 * `apply(x, theta)` reads their weights from θ [B, controlSize] (kernel then bias, layer by layer).
 */
export class MLP extends Module {
  readonly sizes: number[];
  /** Per layer: the shared variables, or null when the layer is controlled. */
  private readonly layers: Array<{ kernel: tf.Variable; bias: tf.Variable } | null>;
  /** Shapes of the controlled blocks, in θ's order. */
  readonly controlShapes: number[][];
  private readonly hidden: (x: tf.Tensor) => tf.Tensor;
  private readonly last: (x: tf.Tensor) => tf.Tensor;

  constructor(sizes: number[], options: MLPOptions) {
    super();
    if (sizes.length < 2 || sizes.some((n) => !Number.isInteger(n) || n < 1)) {
      throw new InvalidArgumentError(`MLP sizes must be ≥ 2 positive integers, got [${sizes}]`);
    }
    this.sizes = [...sizes];
    const count = sizes.length - 1;
    const controlled = options.controlled === 'all' ? [...Array(count).keys()] : (options.controlled ?? []);
    for (const i of controlled) {
      if (!Number.isInteger(i) || i < 0 || i >= count) {
        throw new InvalidArgumentError(`controlled layer ${i} does not exist: the MLP has layers 0…${count - 1}`);
      }
    }
    const random = new SeededRandom(options.seed);
    this.controlShapes = [];
    this.layers = [];
    for (let i = 0; i < count; i++) {
      const [fanIn, fanOut] = [sizes[i], sizes[i + 1]];
      if (controlled.includes(i)) {
        this.controlShapes.push([fanIn, fanOut], [fanOut]);
        this.layers.push(null);
      } else {
        this.layers.push({
          kernel: this.addVariable(`kernel${i}`, lecunNormal([fanIn, fanOut], fanIn, random, options.gain)),
          bias: this.addVariable(`bias${i}`, tf.zeros([fanOut])),
        });
      }
    }
    this.hidden = resolveActivation(options.activation ?? 'tanh');
    this.last = resolveActivation(options.outputActivation ?? 'linear');
  }

  get inputs(): number {
    return this.sizes[0];
  }

  get outputs(): number {
    return this.sizes[this.sizes.length - 1];
  }

  /** Length of θ per sample: the sizes of all controlled kernels and biases. */
  get controlSize(): number {
    return this.controlShapes.reduce((n, s) => n + s.reduce((p, d) => p * d, 1), 0);
  }

  apply(x: tf.Tensor, theta?: tf.Tensor): tf.Tensor2D {
    if (x.rank !== 2 || x.shape[1] !== this.inputs) {
      throw new InvalidArgumentError(`MLP expects x of shape [batch, ${this.inputs}], got [${x.shape}]`);
    }
    if (this.controlShapes.length > 0 && theta === undefined) {
      throw new InvalidArgumentError(`this MLP has controlled layers: pass θ of shape [batch, ${this.controlSize}]`);
    }
    return tf.tidy(() => {
      const blocks = theta && this.controlShapes.length > 0 ? splitControl(theta, this.controlShapes) : [];
      let h: tf.Tensor = x;
      this.layers.forEach((layer, i) => {
        const [kernel, bias] = layer ? [layer.kernel, layer.bias] : blocks.splice(0, 2);
        const z = affine(h, kernel, bias);
        h = i === this.layers.length - 1 ? this.last(z) : this.hidden(z);
      });
      return h as tf.Tensor2D;
    });
  }
}
