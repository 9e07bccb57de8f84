import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from '@tfode/ode-core';
import { SeededRandom } from '@tfode/seeded-random';
import { ControlledODE } from './controlled-ode';
import { MLP } from './mlp';
import { requireSize, type ModelOptions } from './model-options';
import { Module } from './module';

/**
 * Where x(0) comes from. N-CODE §4.4 writes x₀ ~ N(0, I) and calls the model deterministic (§4.4, App C.6,
 * Fig 8), which fits one draw shared by every input: 'fixed' (default) is one seeded N(0, I) draw, the
 * same for every input and call (rebuilt from the model's seed); 'learned' starts from that draw and
 * trains it; 'sampled' draws a new x(0) per sample and call from a seeded stream (`reseed` replays it).
 */
export type AutoNCODEInitialState = 'fixed' | 'learned' | 'sampled';

/**
 * Readings of App C.4's "component-wise normalisation of the control components" (Table A.1's
 * "FC → Norm"), which the paper does not spell out: 'rows' (default) scales each row of θ to norm
 * `controlScale`; 'matrix' scales each sample's whole θ to norm controlScale·√m (the same total as
 * 'rows', its rows free); 'none' leaves the encoder's output as it is.
 */
export type AutoNCODEControlNorm = 'rows' | 'matrix' | 'none';

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
  /** x(0): one fixed seeded draw (default), learned from it, or sampled per input. */
  initialState?: AutoNCODEInitialState;
  /** The normalisation of θ (App C.4); default 'rows'. */
  controlNorm?: AutoNCODEControlNorm;
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
 * row (θ stored compactly [B, m·k]); x(0) flows by ẋ = θx, θ̇ = 0 over [0, 10]; the latent code x(T) is
 * decoded. θ is normalised per sample (`controlNorm`: App C.4's component-wise normalisation, kept per
 * sample so a code never depends on its batch); x(0) is one fixed draw, learned, or sampled
 * (`initialState`).
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
    const initialState = options.initialState ?? 'fixed';
    const controlNorm = options.controlNorm ?? 'rows';
    if (!['fixed', 'learned', 'sampled'].includes(initialState)) {
      throw new InvalidArgumentError(`initialState "${initialState}": use fixed, learned or sampled`);
    }
    if (!['rows', 'matrix', 'none'].includes(controlNorm)) throw new InvalidArgumentError(`controlNorm "${controlNorm}": use rows, matrix or none`);
    const draw = new SeededRandom(options.seed + 7);
    const noise = { random: draw };
    const start = initialState === 'sampled' ? undefined : new InitialState(tf.tensor2d(draw.normals(m), [1, m]), initialState === 'learned');
    if (start) modules.start = start;
    const selector = tf.keep(sparseColumnSelector(m, k));
    super({
      modules,
      inputNet: (u) =>
        start
          ? tf.tile(start.x0, [u.shape[0], 1])
          : tf.randomNormal([u.shape[0], m], 0, 1, 'float32', Math.floor(noise.random.uniform() * 2 ** 31)),
      gamma: (u) => {
        const rows = tf.reshape(encoder.apply(tf.reshape(u, [u.shape[0], -1])), [-1, m, k]);
        if (controlNorm === 'none') return tf.reshape(rows, [-1, m * k]);
        const axes = controlNorm === 'rows' ? [2] : [1, 2];
        const norms = tf.sqrt(tf.add(tf.sum(tf.square(rows), axes, true), 1e-8));
        return tf.reshape(tf.mul(tf.div(rows, norms), controlNorm === 'rows' ? scale : scale * Math.sqrt(m)), [-1, m * k]);
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

  /** Restarts the stream of x(0) draws ('sampled' only; a fixed or learned x(0) has none). */
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

/** A fixed x(0) (a constant: no gradient, rebuilt from the seed) or a learned one (a variable, in weight files). */
class InitialState extends Module {
  readonly x0: tf.Tensor2D;

  constructor(draw: tf.Tensor2D, learned: boolean) {
    super();
    this.x0 = learned ? (this.addVariable('x0', draw) as tf.Variable<tf.Rank.R2>) : this.addConstant('x0', draw);
  }
}

export function autoNCODE(options: AutoNCODEOptions): AutoNCODE {
  return new AutoNCODE(options);
}
