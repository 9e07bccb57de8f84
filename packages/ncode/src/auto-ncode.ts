import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from '@tfode/ode-core';
import { SeededRandom } from '@tfode/seeded-random';
import { ControlledODE } from './controlled-ode';
import { MLP } from './mlp';
import { requireSize, type ModelOptions } from './model-options';
import type { Module } from './module';

export interface AutoNCODEOptions extends Omit<ModelOptions, 'outputs'> {
  /** Values per input sample (images flattened). */
  inputs: number;
  /** m: latent dimension; θ ∈ R^{m×m}. */
  latent: number;
  /** k: non-zeros per row of θ (Sec 4.4: "as few as two"); default 2. */
  nonZerosPerRow?: number;
  encoderHidden: number[];
  decoderHidden: number[];
  /** Row norm of θ after the component-wise normalisation; default 0.2. */
  controlScale?: number;
  /** Activation of the decoder's last layer; default 'sigmoid' (pixels in [0, 1]). */
  decoderOutput?: ModelOptions['activation'];
}

/**
 * The 0/1 matrix S [m, m·k] with (x·S)[i·k + j] = x_{col(i, j)}, col(i, j) = i + j (mod m): the column of
 * θ_{i,j}, the j-th non-zero of row i. A matMul rather than tf.gather, whose gradient (UnsortedSegmentSum)
 * the wasm backend lacks.
 */
function sparseColumnSelector(m: number, k: number): tf.Tensor2D {
  const values = new Float32Array(m * m * k);
  for (let i = 0; i < m; i++) for (let j = 0; j < k; j++) values[((i + j) % m) * m * k + i * k + j] = 1;
  return tf.tensor2d(values, [m, m * k]);
}

/**
 * AutoN-CODE (N-CODE §4.4 Eq 8–9): the encoder maps u to θ ∈ R^{m×m} with k non-zeros per
 * row (θ stored compactly [B, m·k]); x(0) ~ N(0, I) flows by ẋ = θx, θ̇ = 0 over [0, 10]; the latent code
 * x(T) is decoded. Each row of θ is normalised to norm `controlScale` (App C.4's component-wise
 * normalisation of the control, kept per sample so a code never depends on its batch). The draws of
 * x(0) come from a seeded stream: `reseed(seed)` replays them.
 */
export class AutoNCODE extends ControlledODE {
  private readonly noise: { random: SeededRandom };
  private readonly selector: tf.Tensor2D;

  constructor(options: AutoNCODEOptions) {
    const { latent: m } = options;
    requireSize('inputs', options.inputs);
    requireSize('latent', m);
    const k = options.nonZerosPerRow ?? 2;
    if (!Number.isInteger(k) || k < 1 || k > m) throw new InvalidArgumentError(`nonZerosPerRow must be in 1…${m}, got ${k}`);
    const scale = options.controlScale ?? 0.2;
    const encoder = new MLP([options.inputs, ...options.encoderHidden, m * k], { seed: options.seed, activation: options.activation ?? 'relu' });
    const decoder = new MLP([m, ...options.decoderHidden, options.inputs], {
      seed: options.seed + 1, activation: options.activation ?? 'relu', outputActivation: options.decoderOutput ?? 'sigmoid',
    });
    const modules: Record<string, Module> = { encoder, decoder };
    const noise = { random: new SeededRandom(options.seed + 7) };
    const selector = tf.keep(sparseColumnSelector(m, k));
    super({
      modules,
      inputNet: (u) => tf.randomNormal([u.shape[0], m], 0, 1, 'float32', Math.floor(noise.random.uniform() * 2 ** 31)),
      gamma: (u) => {
        const rows = tf.reshape(encoder.apply(tf.reshape(u, [u.shape[0], -1])), [-1, m, k]);
        const norms = tf.sqrt(tf.add(tf.sum(tf.square(rows), 2, true), 1e-8));
        return tf.reshape(tf.mul(tf.div(rows, norms), scale), [-1, m * k]);
      },
      field: (_t, x, theta) => {
        const neighbours = tf.reshape(tf.matMul(x as tf.Tensor2D, selector), [-1, m, k]); // x_{col(i, j)}
        return tf.sum(tf.mul(tf.reshape(theta as tf.Tensor, [-1, m, k]), neighbours), 2);
      },
      outputNet: (code) => decoder.apply(code),
      times: options.times ?? [0, 10],
      solver: options.solver,
      integralLoss: options.integralLoss,
    });
    this.noise = noise;
    this.selector = selector;
  }

  override dispose(): void {
    super.dispose();
    this.selector.dispose();
  }

  /** Restarts the stream of x(0) draws. */
  reseed(seed: number): void {
    this.noise.random = new SeededRandom(seed);
  }

  /** The latent code x(T) of each input, [B, m]. */
  encode(u: tf.Tensor): tf.Tensor2D {
    return tf.tidy(() => {
      const { xs } = this.forward(u);
      return tf.squeeze(tf.slice(xs, [xs.shape[0] - 1], [1]), [0]) as tf.Tensor2D;
    });
  }

  /** Decoder(code): samples from codes drawn e.g. from a GaussianMixture fit to `encode` (App C.6). */
  decode(code: tf.Tensor): tf.Tensor {
    return (this.modules.decoder as MLP).apply(code);
  }
}

export function autoNCODE(options: AutoNCODEOptions): AutoNCODE {
  return new AutoNCODE(options);
}
