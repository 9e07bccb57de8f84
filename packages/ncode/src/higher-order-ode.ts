import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from '@tfode/ode-core';
import { zeroAugment } from './augmented-ode';
import { ControlledODE } from './controlled-ode';
import { ConvBlock } from './conv-block';
import { stateShape } from './field-network';
import type { AugmentedImageOptions } from './image-options';
import { MLP } from './mlp';
import { commonConfig, requireSize, type ModelOptions } from './model-options';
import { Module } from './module';

export interface HigherOrderODEOptions extends ModelOptions {
  /** d: size of x, or C channels of images [B, H, W, C]. */
  dims: number;
  /** n ≥ 2: the order of the selected dimensions' dynamics. */
  order: number;
  /** Indices of x with n-th order dynamics (selective higher order, vector data); default all d. */
  selected?: number[];
  /** Hidden sizes of the MLP field (vector data); default [16]. */
  hidden?: number[];
  /** Start the derivatives at ξ(x) (a linear input layer, vector data) instead of 0. Default false. */
  inputLayer?: boolean;
  /**
   * Image data: every channel is of order n, the positions are [x, 0] with `augment` zero channels,
   * and f is the App C.2 conv block from all n·(C + a) channels to the C + a accelerations.
   */
  image?: AugmentedImageOptions;
}

/**
 * Rows of the identity [d, d] at `rows`: x·Sᵀ picks those entries, y·S scatters back. Built on the host:
 * tfjs-backend-wasm 4.22's OneHot writes integer bits into a float32 output (1 reads as 1.4e-45).
 */
function selection(rows: number[], d: number): tf.Tensor2D {
  const values = new Float32Array(rows.length * d);
  rows.forEach((row, i) => (values[i * d + row] = 1));
  return tf.tensor2d(values, [rows.length, d]);
}

/**
 * Higher-order NODE (Dissecting §4 Eq 5–7): z = [x, v₁, …, v_{n−1}] with v_k ∈ R^p for the
 * p selected dims; ẋ_S = v₁, v̇_k = v_{k+1}, v̇_{n−1} = f_S(z), and unselected dims are first order,
 * ẋ_U = f_U(z). f: R^{d+(n−1)p} → R^d. The output reads x (the first d entries).
 */
export function higherOrderODE(options: HigherOrderODEOptions): ControlledODE {
  const { dims: d, order } = options;
  requireSize('dims', d);
  if (!Number.isInteger(order) || order < 2) throw new InvalidArgumentError(`order must be an integer ≥ 2, got ${order}`);
  if (options.image) return higherOrderImageODE(options, options.image);
  const selected = options.selected ?? [...Array(d).keys()];
  if (selected.length === 0 || new Set(selected).size !== selected.length || selected.some((i) => !Number.isInteger(i) || i < 0 || i >= d)) {
    throw new InvalidArgumentError(`selected must be distinct indices in 0…${d - 1}, got [${selected}]`);
  }
  const unselected = [...Array(d).keys()].filter((i) => !selected.includes(i));
  const p = selected.length;
  const stateSize = d + (order - 1) * p;
  const f = new MLP([stateSize, ...(options.hidden ?? [16]), d], { seed: options.seed, activation: options.activation });
  const selections = new Module();
  const scatterSelected = selections.addConstant('selected', selection(selected, d));
  const scatterUnselected = unselected.length > 0 ? selections.addConstant('unselected', selection(unselected, d)) : undefined;
  const modules: Record<string, Module> = { field: f, selections };
  const xi = options.inputLayer
    ? new MLP([d, (order - 1) * p], { seed: options.seed + 1, activation: 'linear' })
    : undefined;
  if (xi) modules.input = xi;
  const position = (z: tf.Tensor) => tf.slice(z, [0, 0], [-1, d]);
  return new ControlledODE({
    inputNet: (x) => tf.concat([x, xi ? xi.apply(x) : tf.zeros([x.shape[0], (order - 1) * p])], 1),
    field: (_t, z) => {
      const out = f.apply(z); // [B, d]: the first p entries drive the selected dims, the rest are ẋ_U
      const velocities = tf.slice(z, [0, d], [-1, (order - 1) * p]);
      const v1 = tf.slice(velocities, [0, 0], [-1, p]);
      let xDot = tf.matMul(v1, scatterSelected);
      if (scatterUnselected) xDot = tf.add(xDot, tf.matMul(tf.slice(out, [0, p], [-1, d - p]), scatterUnselected));
      const parts = [xDot, tf.slice(out, [0, 0], [-1, p])];
      if (order > 2) parts.splice(1, 0, tf.slice(velocities, [0, p], [-1, (order - 2) * p]));
      return tf.concat(parts, 1);
    },
    ...commonConfig(options, [d], modules, position),
  });
}

/**
 * The image form of `higherOrderODE`: z = [q, v₁, …, v_{n−1}] on the channel axis, each C + a
 * channels, q(0) = [x, 0], v(0) = 0; q̇ = v₁, v̇_k = v_{k+1}, v̇_{n−1} = f(z). The output reads q.
 */
function higherOrderImageODE(options: HigherOrderODEOptions, image: AugmentedImageOptions): ControlledODE {
  if (options.selected !== undefined || options.inputLayer) {
    throw new InvalidArgumentError('selected and inputLayer are for vector data: on images every channel is of order n and starts at rest');
  }
  const positions = options.dims + (image.augment ?? 0);
  const channels = options.order * positions;
  const f = new ConvBlock(channels, image.filters, { seed: options.seed, outputChannels: positions });
  const modules: Record<string, Module> = { field: f };
  const channelsFrom = (z: tf.Tensor, from: number, count: number) => tf.slice(z, [0, 0, 0, from], [-1, -1, -1, count]);
  return new ControlledODE({
    inputNet: (x) => zeroAugment(x, channels - options.dims),
    field: (_t, z) => tf.concat([channelsFrom(z, positions, channels - positions), f.apply(z)], 3),
    ...commonConfig(options, stateShape(positions, image), modules, (zT) => channelsFrom(zT, 0, positions)),
  });
}
