import * as tf from '@tensorflow/tfjs-core';
import { resolveActivation, type Activation } from './activation';
import { InvalidArgumentError } from './errors';
import type { TimeBasis } from './time-basis';
import { TimeVaryingAffine, type AffineInitOptions } from './time-varying-affine';
import { countParameters, type TimeDependentLayer } from './time-dependent-layer';
import { requirePositiveInteger } from './validate';

export interface TimeVaryingConv2dOptions extends AffineInitOptions {
  /** Default 'linear'. */
  activation?: Activation;
  /** Default 1. */
  strides?: number | [number, number];
  /** Default 'same', so the output keeps the state's shape when cin = cout and strides = 1. */
  padding?: 'same' | 'valid';
}

/**
 * y = σ(conv2d(x, K(t)) + b(t)) with kernel K(t) ∈ R^{kh×kw×cin×cout} and bias expanded on
 * `basis` (Galërkin / stacked convolution, Sec 3 of 001_5598d57cd23c9e6a.txt). x is NHWC.
 */
export class TimeVaryingConv2d implements TimeDependentLayer {
  readonly inChannels: number;
  readonly outChannels: number;
  readonly kernelSize: [number, number];
  readonly theta: TimeVaryingAffine;
  private readonly activation: (x: tf.Tensor) => tf.Tensor;
  private readonly strides: number | [number, number];
  private readonly padding: 'same' | 'valid';

  constructor(
    inChannels: number,
    outChannels: number,
    kernelSize: number | [number, number],
    basis: TimeBasis,
    options: TimeVaryingConv2dOptions,
  ) {
    requirePositiveInteger('TimeVaryingConv2d inChannels', inChannels);
    requirePositiveInteger('TimeVaryingConv2d outChannels', outChannels);
    const [kh, kw] = typeof kernelSize === 'number' ? [kernelSize, kernelSize] : kernelSize;
    requirePositiveInteger('kernel height', kh);
    requirePositiveInteger('kernel width', kw);
    this.inChannels = inChannels;
    this.outChannels = outChannels;
    this.kernelSize = [kh, kw];
    this.activation = resolveActivation(options.activation ?? 'linear');
    this.strides = options.strides ?? 1;
    this.padding = options.padding ?? 'same';
    const fanIn = kh * kw * inChannels;
    this.theta = new TimeVaryingAffine(basis, fanIn, outChannels, fanIn, options);
  }

  get variables(): tf.Variable[] {
    return this.theta.weight.variables;
  }

  get parameterCount(): number {
    return countParameters(this.variables);
  }

  apply(t: number, x: tf.Tensor): tf.Tensor4D {
    if (x.rank !== 4 || x.shape[3] !== this.inChannels) {
      throw new InvalidArgumentError(
        `TimeVaryingConv2d expects NHWC x of shape [batch, height, width, ${this.inChannels}], got [${x.shape}]`,
      );
    }
    return tf.tidy(() => {
      const { kernel, bias } = this.theta.at(t);
      const filter = tf.reshape(kernel, [...this.kernelSize, this.inChannels, this.outChannels]) as tf.Tensor4D;
      const y = tf.conv2d(x as tf.Tensor4D, filter, this.strides, this.padding);
      return this.activation(tf.add(y, bias)) as tf.Tensor4D;
    });
  }

  dispose(): void {
    this.theta.weight.dispose();
  }
}
