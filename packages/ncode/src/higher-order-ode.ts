import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from '@tfode/ode-core';
import { ControlledODE } from './controlled-ode';
import { MLP } from './mlp';
import { commonConfig, requireSize, type ModelOptions } from './model-options';
import { Module } from './module';

export interface HigherOrderODEOptions extends ModelOptions {
  /** d: size of x. */
  dims: number;
  /** n ≥ 2: the order of the selected dimensions' dynamics. */
  order: number;
  /** Indices of x with n-th order dynamics (selective higher order); default all d. */
  selected?: number[];
  hidden: number[];
  /** Start the derivatives at ξ(x) (a linear input layer) instead of 0. Default false. */
  inputLayer?: boolean;
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
  const selected = options.selected ?? [...Array(d).keys()];
  if (selected.length === 0 || new Set(selected).size !== selected.length || selected.some((i) => !Number.isInteger(i) || i < 0 || i >= d)) {
    throw new InvalidArgumentError(`selected must be distinct indices in 0…${d - 1}, got [${selected}]`);
  }
  const unselected = [...Array(d).keys()].filter((i) => !selected.includes(i));
  const p = selected.length;
  const stateSize = d + (order - 1) * p;
  const f = new MLP([stateSize, ...options.hidden, d], { seed: options.seed, activation: options.activation });
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
    ...commonConfig(options, d, modules, position),
  });
}
