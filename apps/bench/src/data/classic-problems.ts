import * as tf from '@tensorflow/tfjs-core';

/** y' = f(t, y) on plain float64 numbers: the reference integrator's view of a problem. */
export type Float64Field = (t: number, y: readonly number[]) => number[];

/**
 * A classic initial-value problem on [0, tEnd], written twice: on float32 tensors for the solvers
 * under test, and on float64 numbers for the reference solution (or its exact solution).
 */
export interface ClassicProblem {
  name: string;
  description: string;
  y0: number[];
  tEnd: number;
  field: (t: number, y: tf.Tensor1D) => tf.Tensor1D;
  field64: Float64Field;
  exact?: (t: number) => number[];
}

const vanDerPolMu = 1;
// Lotka–Volterra rates: prey growth α, predation β, predator growth δ, predator death γ.
const [alpha, beta, delta, gamma] = [1.5, 1, 1, 3];
const keplerEccentricity = 0.5;
const spiralDamping = 0.1;

export const harmonicOscillator: ClassicProblem = {
  name: 'harmonic',
  description: "x'' = −x, (x, v)(0) = (1, 0); exact (cos t, −sin t)",
  y0: [1, 0],
  tEnd: 10,
  field: (_t, y) => {
    const [x, v] = tf.unstack(y);
    return tf.stack([v, tf.neg(x)]) as tf.Tensor1D;
  },
  field64: (_t, [x, v]) => [v, -x],
  exact: (t) => [Math.cos(t), -Math.sin(t)],
};

export const vanDerPol: ClassicProblem = {
  name: 'van-der-pol',
  description: `Van der Pol μ = ${vanDerPolMu}: x' = v, v' = μ(1 − x²)v − x, (x, v)(0) = (2, 0)`,
  y0: [2, 0],
  tEnd: 10,
  field: (_t, y) => {
    const [x, v] = tf.unstack(y);
    const damping = tf.mul(vanDerPolMu, tf.sub(1, tf.square(x)));
    return tf.stack([v, tf.sub(tf.mul(damping, v), x)]) as tf.Tensor1D;
  },
  field64: (_t, [x, v]) => [v, vanDerPolMu * (1 - x * x) * v - x],
};

export const lotkaVolterra: ClassicProblem = {
  name: 'lotka-volterra',
  description: `Lotka–Volterra x' = ${alpha}x − ${beta}xy, y' = ${delta}xy − ${gamma}y, (x, y)(0) = (1, 1)`,
  y0: [1, 1],
  tEnd: 12,
  field: (_t, state) => {
    const [x, y] = tf.unstack(state);
    const xy = tf.mul(x, y);
    return tf.stack([tf.sub(tf.mul(alpha, x), tf.mul(beta, xy)), tf.sub(tf.mul(delta, xy), tf.mul(gamma, y))]) as tf.Tensor1D;
  },
  field64: (_t, [x, y]) => [alpha * x - beta * x * y, delta * x * y - gamma * y],
};

export const gaussianDecay: ClassicProblem = {
  name: 'gaussian',
  description: "y' = −2ty, y(0) = 1; exact e^(−t²)",
  y0: [1],
  tEnd: 3,
  field: (t, y) => tf.mul(y, -2 * t),
  field64: (t, [y]) => [-2 * t * y],
  exact: (t) => [Math.exp(-t * t)],
};

export const dampedSpiral: ClassicProblem = {
  name: 'spiral',
  description: `linear y' = [[−${spiralDamping}, −1], [1, −${spiralDamping}]] y, y(0) = (1, 0); exact e^(−${spiralDamping}t)(cos t, sin t)`,
  y0: [1, 0],
  tEnd: 10,
  field: (_t, y) => {
    const [x, v] = tf.unstack(y);
    return tf.stack([tf.sub(tf.mul(-spiralDamping, x), v), tf.sub(x, tf.mul(spiralDamping, v))]) as tf.Tensor1D;
  },
  field64: (_t, [x, v]) => [-spiralDamping * x - v, x - spiralDamping * v],
  exact: (t) => [Math.exp(-spiralDamping * t) * Math.cos(t), Math.exp(-spiralDamping * t) * Math.sin(t)],
};

export const logisticGrowth: ClassicProblem = {
  name: 'logistic',
  description: "y' = y(1 − y), y(0) = 0.1; exact 1 / (1 + 9e^(−t))",
  y0: [0.1],
  tEnd: 10,
  field: (_t, y) => tf.mul(y, tf.sub(1, y)),
  field64: (_t, [y]) => [y * (1 - y)],
  exact: (t) => [1 / (1 + 9 * Math.exp(-t))],
};

export const keplerOrbit: ClassicProblem = {
  name: 'kepler',
  description: `Kepler two-body orbit, eccentricity ${keplerEccentricity}, one period: q' = p, p' = −q/|q|³`,
  y0: [1 - keplerEccentricity, 0, 0, Math.sqrt((1 + keplerEccentricity) / (1 - keplerEccentricity))],
  tEnd: 2 * Math.PI,
  field: (_t, y) => {
    const [q1, q2, p1, p2] = tf.unstack(y);
    const inverseCube = tf.pow(tf.add(tf.square(q1), tf.square(q2)), -1.5);
    return tf.stack([p1, p2, tf.neg(tf.mul(q1, inverseCube)), tf.neg(tf.mul(q2, inverseCube))]) as tf.Tensor1D;
  },
  field64: (_t, [q1, q2, p1, p2]) => {
    const inverseCube = (q1 * q1 + q2 * q2) ** -1.5;
    return [p1, p2, -q1 * inverseCube, -q2 * inverseCube];
  },
};

/** The demo's four problems. */
export const demoProblems = [harmonicOscillator, vanDerPol, lotkaVolterra, gaussianDecay];

/** Every problem: the demo's and three more (an exact linear spiral and logistic, a reference Kepler orbit). */
export const allProblems = [...demoProblems, dampedSpiral, logisticGrowth, keplerOrbit];
