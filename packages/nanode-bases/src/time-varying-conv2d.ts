import * as tf from '@tensorflow/tfjs-core';
import type { Activation } from './activation';
import { InvalidArgumentError } from './errors';
import type { TimeBasis } from './time-basis';
import { TimeVaryingAffine, TimeVaryingAffineLayer, type AffineInitOptions } from './time-varying-affine';
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
 * `basis` (Galërkin / stacked convolution, Dissecting §3). x is NHWC.
 */
export class TimeVaryingConv2d extends TimeVaryingAffineLayer {
  readonly inChannels: number;
  readonly outChannels: number;
  readonly kernelSize: [number, number];
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
    const fanIn = kh * kw * inChannels;
    super(new TimeVaryingAffine(basis, fanIn, outChannels, fanIn, options), options.activation);
    this.inChannels = inChannels;
    this.outChannels = outChannels;
    this.kernelSize = [kh, kw];
    this.strides = options.strides ?? 1;
    this.padding = options.padding ?? 'same';
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
}
