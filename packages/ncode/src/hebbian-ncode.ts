import * as tf from '@tensorflow/tfjs-core';
import { ControlledODE } from './controlled-ode';
import { requireSize, type ModelOptions } from './model-options';
import { Module } from './module';

export interface HebbianNCODEOptions extends Omit<ModelOptions, 'outputs' | 'activation'> {
  /** m: neurons (pattern length). */
  size: number;
  /** Initial value of every gain μ_ij; default 0.1. */
  muInit?: number;
}

/** The learned θ₀ ∈ R^{m×m} and plasticity gains μ ∈ R^{m×m} of Eq 7. */
class HebbianParameters extends Module {
  readonly theta0: tf.Variable;
  readonly mu: tf.Variable;

  constructor(size: number, muInit: number) {
    super();
    this.theta0 = this.addVariable('theta0', tf.zeros([size * size]));
    this.mu = this.addVariable('mu', tf.fill([size * size], muInit));
  }
}

/**
 * Closed-loop N-CODE with dynamic synapses (N-CODE §4.3 Eq 7): ẋ = ρ(θx), θ̇ = μ ⊙ xxᵀ,
 * (x(0), θ(0)) = (x_stim, θ₀), ρ = tanh; θ is [B, m·m] row-major. Use `presentSequence` to show
 * patterns one after another and query with a degraded one (App C.3).
 */
export function hebbianNCODE(options: HebbianNCODEOptions): ControlledODE {
  const m = options.size;
  requireSize('size', m);
  const params = new HebbianParameters(m, options.muInit ?? 0.1);
  return new ControlledODE({
    modules: { hebbian: params },
    gamma: (input) => tf.tile(tf.expandDims(params.theta0, 0), [input.shape[0], 1]),
    field: (_t, x, theta) => {
      const weights = tf.reshape(theta as tf.Tensor, [-1, m, m]) as tf.Tensor3D;
      return tf.tanh(tf.squeeze(tf.matMul(weights, tf.expandDims(x, 2) as tf.Tensor3D), [2]));
    },
    controller: (_t, x) => {
      const outer = tf.mul(tf.expandDims(x, 2), tf.expandDims(x, 1)); // x xᵀ per sample
      return tf.mul(tf.reshape(outer, [-1, m * m]), params.mu);
    },
    times: options.times,
    solver: options.solver,
    integralLoss: options.integralLoss,
  });
}
