import * as tf from '@tensorflow/tfjs-core';
import { MLP, Module, autoNCODE, type AutoNCODE, type AutoNCODEControlNorm, type AutoNCODEInitialState } from '@tfode/ncode';

export interface AutoencoderOptions {
  /** Pixels per image. */
  inputs: number;
  /** m: latent size (25 for MNIST, App C.4). */
  latent: number;
  /** Width of the hidden layer of encoder and decoder (400: App Table A.1, MNIST column). */
  hidden: number;
  seed: number;
  /** AutoN-CODE's dopri5 tolerance (rtol = atol). */
  tolerance: number;
  /** AutoN-CODE's attempted dopri5 steps per solve before the model is stopped (MaxStepsExceededError). */
  maxSteps: number;
}

/** Σ over pixels of the binary cross-entropy, mean over the batch: the KL loss of App C.4 for MNIST. */
function reconstructionLoss(target: tf.Tensor, output: tf.Tensor): tf.Scalar {
  const p = tf.clipByValue(output, 1e-6, 1 - 1e-6);
  const bce = tf.add(tf.mul(target, tf.log(p)), tf.mul(tf.sub(1, target), tf.log(tf.sub(1, p))));
  return tf.neg(tf.mean(tf.sum(bce, 1)));
}

/** What the autoencode and cluster experiments need of each model. */
export abstract class Autoencoder extends Module {
  abstract readonly name: AutoencoderName;
  /** Training loss of a batch [B, inputs]; `noiseSeed` fixes every random draw of the step. */
  abstract loss(x: tf.Tensor2D, noiseSeed: number): tf.Scalar;
  /** The latent code used for GMM sampling and clustering, [B, latent]. */
  abstract encode(x: tf.Tensor2D, noiseSeed: number): tf.Tensor2D;
  abstract decode(code: tf.Tensor2D): tf.Tensor2D;
}

/** Vanilla AE with the App Table A.1 (MNIST) layers: inputs → 400 → m, m → 400 → inputs (sigmoid). */
export class PlainAutoencoder extends Autoencoder {
  readonly name: AutoencoderName = 'AE';
  protected readonly encoder: MLP;
  private readonly decoder: MLP;

  constructor(o: AutoencoderOptions, codeSize = o.latent) {
    super();
    this.encoder = this.addModule('encoder', new MLP([o.inputs, o.hidden, codeSize], { seed: o.seed, activation: 'relu' }));
    this.decoder = this.addModule('decoder', new MLP([o.latent, o.hidden, o.inputs], { seed: o.seed + 1, activation: 'relu', outputActivation: 'sigmoid' }));
  }

  loss(x: tf.Tensor2D, _noiseSeed?: number): tf.Scalar {
    return tf.tidy(() => reconstructionLoss(x, this.decode(this.encode(x))));
  }

  encode(x: tf.Tensor2D, _noiseSeed?: number): tf.Tensor2D {
    return this.encoder.apply(x);
  }

  decode(code: tf.Tensor2D): tf.Tensor2D {
    return this.decoder.apply(code);
  }
}

/** VAE with the same layers; the encoder outputs [μ, log σ²] (2m); samples come from the N(0, I) prior. */
export class VariationalAutoencoder extends PlainAutoencoder {
  override readonly name: AutoencoderName = 'VAE';

  constructor(private readonly o: AutoencoderOptions) {
    super(o, 2 * o.latent);
  }

  private moments(x: tf.Tensor2D): [tf.Tensor2D, tf.Tensor2D] {
    const out = this.encoder.apply(x);
    return [tf.slice(out, [0, 0], [-1, this.o.latent]), tf.slice(out, [0, this.o.latent], [-1, this.o.latent])];
  }

  /** Reconstruction + KL(q(z|x) ‖ N(0, I)), with the reparameterisation z = μ + σ·ε. */
  override loss(x: tf.Tensor2D, noiseSeed: number): tf.Scalar {
    return tf.tidy(() => {
      const [mu, logVar] = this.moments(x);
      const eps = tf.randomNormal(mu.shape, 0, 1, 'float32', noiseSeed);
      const z = tf.add(mu, tf.mul(tf.exp(tf.mul(logVar, 0.5)), eps));
      const kl = tf.mean(tf.mul(-0.5, tf.sum(tf.sub(tf.add(1, logVar), tf.add(tf.square(mu), tf.exp(logVar))), 1)));
      return tf.add(reconstructionLoss(x, this.decode(z as tf.Tensor2D)), kl);
    });
  }

  /** The posterior mean μ(x). */
  override encode(x: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => this.moments(x)[0]);
  }
}

/** Which reading of the paper an AutoN-CODE is: where x(0) comes from, and how θ is normalised. */
interface AutoNCODEReading {
  initialState: AutoNCODEInitialState;
  controlNorm: AutoNCODEControlNorm;
}

/**
 * AutoN-CODE (N-CODE §4.4 Eq 8–9) through @tfode/ncode's autoNCODE: encoder → sparse
 * θ (2 non-zeros per row, normalised), x(0), ẋ = θx on [0, 10], decoder(x(10)).
 */
export class AutoNCODEModel extends Autoencoder {
  readonly net: AutoNCODE;

  constructor(o: AutoencoderOptions, readonly name: AutoencoderName, reading: AutoNCODEReading) {
    super();
    this.net = this.addModule('net', autoNCODE({
      inputs: o.inputs, latent: o.latent, encoderHidden: [o.hidden], decoderHidden: [o.hidden], seed: o.seed, ...reading,
      solver: { method: 'dopri5', rtol: o.tolerance, atol: o.tolerance, gradient: 'backprop', maxSteps: o.maxSteps },
    }));
  }

  loss(x: tf.Tensor2D, noiseSeed: number): tf.Scalar {
    this.net.reseed(noiseSeed);
    return tf.tidy(() => reconstructionLoss(x, this.net.predict(x)));
  }

  encode(x: tf.Tensor2D, noiseSeed: number): tf.Tensor2D {
    this.net.reseed(noiseSeed);
    return this.net.encode(x);
  }

  decode(code: tf.Tensor2D): tf.Tensor2D {
    return this.net.decode(code) as tf.Tensor2D;
  }

  /** Decoded images along the latent orbit x(t) at `times` (Fig 7, A.4): [times, B, inputs]. */
  orbit(x: tf.Tensor2D, times: number[], noiseSeed: number): tf.Tensor3D {
    this.net.reseed(noiseSeed);
    return tf.tidy(() => {
      const { x0, theta0 } = this.net.initialState(x);
      const { xs } = this.net.integrate(x0, theta0, times);
      const [steps, batch, m] = xs.shape;
      return tf.reshape(this.decode(tf.reshape(xs, [steps * batch, m]) as tf.Tensor2D), [steps, batch, -1]) as tf.Tensor3D;
    });
  }
}

/**
 * The AutoN-CODE rows: "AutoN-CODE" is the deterministic reading (§4.4, App C.6, Fig 8), one fixed x(0)
 * for every input and rows of θ to 0.2; each other row changes one thing: x(0) learned, or drawn per
 * sample (Eq 9 read literally); θ normalised as a whole, or not at all (App C.4's "component-wise
 * normalisation").
 */
const autoNCODEReadings = {
  'AutoN-CODE': { initialState: 'fixed', controlNorm: 'rows' },
  'AutoN-CODE learned-x0': { initialState: 'learned', controlNorm: 'rows' },
  'AutoN-CODE sampled-x0': { initialState: 'sampled', controlNorm: 'rows' },
  'AutoN-CODE matrix-norm': { initialState: 'fixed', controlNorm: 'matrix' },
  'AutoN-CODE no-norm': { initialState: 'fixed', controlNorm: 'none' },
} as const satisfies Record<string, AutoNCODEReading>;

type AutoNCODEName = keyof typeof autoNCODEReadings;
export type AutoencoderName = 'AE' | 'VAE' | AutoNCODEName;
/** The models of the autoencode experiment, in its order. */
export const autoencoderNames: AutoencoderName[] = ['AE', 'VAE', ...(Object.keys(autoNCODEReadings) as AutoNCODEName[])];

export function makeAutoencoder(name: AutoencoderName, o: AutoencoderOptions): Autoencoder {
  if (name === 'AE') return new PlainAutoencoder(o);
  if (name === 'VAE') return new VariationalAutoencoder(o);
  return new AutoNCODEModel(o, name, autoNCODEReadings[name]);
}
