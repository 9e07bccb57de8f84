import * as tf from '@tensorflow/tfjs-core';
import { dense, denseLayers, type DenseActivation, type DenseLayer } from '@tfode/kernels';
import { InvalidArgumentError } from '@tfode/ode-core';
import { SeededRandom } from '@tfode/seeded-random';
import { resolveActivation, type Activation } from '@tfode/nanode-bases';
import { affine } from './affine';
import { splitControl } from './control-split';
import { lecunNormal } from './initialization';
import { appendTime } from './append-time';
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
  /** Initial bias of the last layer (its output size); default zeros. */
  outputBias?: Float32Array;
  /**
   * Layers whose kernel and bias are not variables but come per sample from a control θ
   * (open/closed-loop N-CODE): 'all', or layer indices. Default none.
   */
  controlled?: 'all' | number[];
}

/** The activations `dense` fuses into its kernel (one op forward, one per input backward). */
const fusedActivations: readonly DenseActivation[] = ['linear', 'tanh', 'sigmoid', 'relu'];

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
  /** Per layer: the activation after it, and its name where `dense` applies it in the same kernel. */
  private readonly activations: Array<{ apply: (x: tf.Tensor) => tf.Tensor; fused?: DenseActivation }>;
  /** The layers as one `denseLayers` chain: defined where every layer has shared weights and an activation `dense` fuses. */
  private readonly chain: DenseLayer[] | undefined;

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
    if (options.outputBias && options.outputBias.length !== sizes[count]) {
      throw new InvalidArgumentError(`MLP outputBias must have ${sizes[count]} values (the last layer's outputs), got ${options.outputBias.length}`);
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
          bias: this.addVariable(`bias${i}`, i === count - 1 && options.outputBias ? tf.tensor1d(options.outputBias) : tf.zeros([fanOut])),
        });
      }
    }
    const activation = (name: Activation) => ({ apply: resolveActivation(name), fused: fusedActivations.find((fused) => fused === name) });
    const [hidden, last] = [activation(options.activation ?? 'tanh'), activation(options.outputActivation ?? 'linear')];
    this.activations = this.layers.map((_, i) => (i === count - 1 ? last : hidden));
    this.chain = this.layers.every((layer, i) => layer !== null && this.activations[i].fused !== undefined)
      ? this.layers.map((layer, i) => ({ w: layer!.kernel as tf.Tensor2D, b: layer!.bias as tf.Tensor1D, activation: this.activations[i].fused }))
      : undefined;
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
    this.checkInput(x, this.inputs, 'MLP expects x');
    return this.run(x, theta);
  }

  /**
   * The MLP of [x, t], t a constant column after x's sizes[0] − 1 values (a field f(t, x) = MLP([x, t])):
   * where the first layer has shared weights and an activation `dense` fuses, [x, t] is never built.
   */
  applyTimed(x: tf.Tensor, t: number, theta?: tf.Tensor): tf.Tensor2D {
    if (typeof t !== 'number' || !Number.isFinite(t)) throw new InvalidArgumentError(`MLP.applyTimed: t must be a finite number, got ${String(t)}`);
    this.checkInput(x, this.inputs - 1, 'MLP.applyTimed expects x (t is the last input)');
    if (this.layers[0] && this.activations[0].fused) return this.run(x, theta, t);
    return tf.tidy(() => this.run(appendTime(x, t), theta));
  }

  private checkInput(x: tf.Tensor, width: number, what: string): void {
    if (x.rank !== 2 || x.shape[1] !== width) throw new InvalidArgumentError(`${what} of shape [batch, ${width}], got [${x.shape}]`);
  }

  /** The layers on x, with the constant column `time` appended to the first layer's input where given. */
  private run(x: tf.Tensor, theta?: tf.Tensor, time?: number): tf.Tensor2D {
    if (this.controlShapes.length > 0 && theta === undefined) {
      throw new InvalidArgumentError(`this MLP has controlled layers: pass θ of shape [batch, ${this.controlSize}]`);
    }
    if (this.chain !== undefined) return denseLayers(x as tf.Tensor2D, this.chain, time === undefined ? {} : { time });
    return tf.tidy(() => {
      const blocks = theta && this.controlShapes.length > 0 ? splitControl(theta, this.controlShapes) : [];
      let h: tf.Tensor = x;
      this.layers.forEach((layer, i) => {
        const { apply, fused } = this.activations[i];
        if (layer && fused) {
          h = dense(h as tf.Tensor2D, layer.kernel as tf.Tensor2D, layer.bias as tf.Tensor1D, fused, i === 0 && time !== undefined ? { time } : {});
        } else {
          const [kernel, bias] = layer ? [layer.kernel, layer.bias] : blocks.splice(0, 2);
          h = apply(affine(h, kernel, bias));
        }
      });
      return h as tf.Tensor2D;
    });
  }
}
