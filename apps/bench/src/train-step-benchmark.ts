import * as tf from '@tensorflow/tfjs-core';
import { odeintAdjoint, type GradientMode } from '@tfode/adjoint';
import { concentricAnnuli } from '@tfode/datasets';
import type { SolveOptions } from '@tfode/ode-core';
import { median } from './timing';

export interface TrainStepConfig {
  batch: number;
  hidden: number;
  steps: number;
  warmup: number;
  seed: number;
}

export interface TrainStepRow {
  label: string;
  mode: GradientMode;
  medianMs: number;
  forwardNfe: number;
  backwardNfe: number;
  peakBytes: number;
  finalLoss: number;
}

export const trainStepSolvers: { label: string; options: SolveOptions }[] = [
  { label: 'rk4 h=0.1', options: { method: 'rk4', stepSize: 0.1 } },
  { label: 'dopri5 rtol=1e-3 atol=1e-4', options: { method: 'dopri5', rtol: 1e-3, atol: 1e-4 } },
];

/** PyTorch's default nn.Linear init, U(−1/√fanIn, 1/√fanIn), seeded, so both sides start alike. */
function linear(fanIn: number, fanOut: number, seed: number) {
  const bound = 1 / Math.sqrt(fanIn);
  return {
    w: tf.variable(tf.randomUniform([fanIn, fanOut], -bound, bound, 'float32', seed)),
    b: tf.variable(tf.randomUniform([fanOut], -bound, bound, 'float32', seed + 1)),
  };
}

/**
 * The peer benchmark's training step (shared/peers/torch_node_step.py): concentric annuli, batch 256,
 * f = 3→64→64→2 tanh MLP on [z, t], linear head, Adam 1e-2, BCE loss; one full step = forward solve,
 * gradient, Adam update. Returns the median step time after warm-up, NFE and peak tensor bytes.
 */
export function runTrainStep(config: TrainStepConfig, solver: (typeof trainStepSolvers)[number], mode: GradientMode, onStep?: () => void): TrainStepRow {
  const data = concentricAnnuli({ numPoints: config.batch, seed: config.seed });
  const x = tf.tensor2d(data.x as Float32Array, [config.batch, 2]);
  const y = tf.tensor1d(Float32Array.from(data.y));
  const layers = [linear(3, config.hidden, config.seed), linear(config.hidden, config.hidden, config.seed + 2), linear(config.hidden, 2, config.seed + 4)];
  const head = linear(2, 1, config.seed + 6);
  const params = layers.flatMap((l) => [l.w, l.b]);
  const trainable = [...params, head.w, head.b];
  let forwardNfe = 0;
  let backwardNfe = 0;
  let peak = 0;
  const base = tf.memory().numBytes;
  const field = (t: number, z: tf.Tensor) => {
    peak = Math.max(peak, tf.memory().numBytes - base);
    let h = tf.concat([z, tf.fill([z.shape[0], 1], t)], 1) as tf.Tensor2D;
    layers.forEach(({ w, b }, i) => {
      h = tf.add(tf.matMul(h, w), b);
      if (i < layers.length - 1) h = tf.tanh(h);
    });
    return h;
  };
  const optimizer = tf.train.adam(1e-2);
  const times: number[] = [];
  const nfes: [number, number][] = [];
  let loss = NaN;
  try {
    for (let step = 0; step < config.steps; step++) {
      const start = performance.now();
      let stats = { nfe: 0 };
      let backward = { nfe: 0 };
      const cost = optimizer.minimize(() => {
        const sol = odeintAdjoint(field, x, [0, 1], params, { ...solver.options, gradient: mode });
        stats = sol.stats;
        backward = sol.backwardStats;
        const zT = tf.reshape(tf.slice(sol.ys as tf.Tensor, [1, 0, 0], [1, config.batch, 2]), [config.batch, 2]);
        const logits = tf.reshape(tf.add(tf.matMul(zT, head.w), head.b), [config.batch]);
        return tf.losses.sigmoidCrossEntropy(y, logits) as tf.Scalar;
      }, true, trainable)!;
      loss = cost.dataSync()[0]; // the step ends when its result is on the host
      cost.dispose();
      times.push(performance.now() - start);
      nfes.push([stats.nfe, backward.nfe]);
      onStep?.();
    }
  } finally {
    optimizer.dispose();
    tf.dispose([x, y, ...trainable]);
  }
  const measured = nfes.slice(config.warmup);
  const mean = (k: 0 | 1) => measured.reduce((p, n) => p + n[k], 0) / measured.length;
  return {
    label: solver.label,
    mode,
    medianMs: median(times.slice(config.warmup)),
    forwardNfe: mean(0),
    backwardNfe: mean(1),
    peakBytes: peak,
    finalLoss: loss,
  };
}
