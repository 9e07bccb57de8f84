import * as tf from '@tensorflow/tfjs-core';
import { odeintAdjoint, type GradientMode } from '@tfode/adjoint';
import { concentricAnnuli } from '@tfode/datasets';
import { denseLayers } from '@tfode/kernels';
import type { SolveOptions } from '@tfode/ode-core';
import { median } from '../runtime/timing';

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

/** One training step's result. */
export interface TrainStep {
  loss: number;
  forwardNfe: number;
  backwardNfe: number;
}

/** The peer benchmark's model, data and optimiser, ready to take steps; dispose when done. */
export interface TrainStepSession {
  step(): TrainStep;
  /** The most tensor memory alive at any evaluation of f so far, bytes. */
  peakBytes(): number;
  dispose(): void;
}

/**
 * The peer benchmark's training step (shared/peers/torch_node_step.py): concentric annuli, batch 256,
 * f = 3→64→64→2 tanh MLP on [z, t], linear head, Adam 1e-2, BCE loss; one full step = forward solve,
 * gradient, Adam update, ending when the loss is on the host.
 */
export function trainStepSession(config: TrainStepConfig, solver: (typeof trainStepSolvers)[number], mode: GradientMode): TrainStepSession {
  const data = concentricAnnuli({ numPoints: config.batch, seed: config.seed });
  const x = tf.tensor2d(data.x as Float32Array, [config.batch, 2]);
  const y = tf.tensor1d(Float32Array.from(data.y));
  const layers = [linear(3, config.hidden, config.seed), linear(config.hidden, config.hidden, config.seed + 2), linear(config.hidden, 2, config.seed + 4)];
  const head = linear(2, 1, config.seed + 6);
  const params = layers.flatMap((l) => [l.w, l.b]);
  const trainable = [...params, head.w, head.b];
  let peak = 0;
  const base = tf.memory().numBytes;
  const chain = layers.map(({ w, b }, i) => ({ w: w as tf.Tensor2D, b: b as tf.Tensor1D, activation: i < layers.length - 1 ? ('tanh' as const) : ('linear' as const) }));
  const field = (t: number, z: tf.Tensor) => {
    peak = Math.max(peak, tf.memory().numBytes - base);
    // the MLP as one op; its first layer reads [z, t] (t as the time column, not concatenated)
    return denseLayers(z as tf.Tensor2D, chain, { time: t });
  };
  const optimizer = tf.train.adam(1e-2);
  return {
    step() {
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
      const loss = cost.dataSync()[0]; // the step ends when its result is on the host
      cost.dispose();
      return { loss, forwardNfe: stats.nfe, backwardNfe: backward.nfe };
    },
    peakBytes: () => peak,
    dispose() {
      optimizer.dispose();
      tf.dispose([x, y, ...trainable]);
    },
  };
}

/** Runs `config.steps` steps of the session; the median step time after warm-up, mean NFE and peak tensor bytes. */
export function runTrainStep(config: TrainStepConfig, solver: (typeof trainStepSolvers)[number], mode: GradientMode, onStep?: () => void): TrainStepRow {
  const session = trainStepSession(config, solver, mode);
  const times: number[] = [];
  const steps: TrainStep[] = [];
  try {
    for (let step = 0; step < config.steps; step++) {
      const start = performance.now();
      steps.push(session.step());
      times.push(performance.now() - start);
      onStep?.();
    }
  } finally {
    session.dispose();
  }
  const measured = steps.slice(config.warmup);
  const mean = (key: 'forwardNfe' | 'backwardNfe') => measured.reduce((sum, step) => sum + step[key], 0) / measured.length;
  return {
    label: solver.label,
    mode,
    medianMs: median(times.slice(config.warmup)),
    forwardNfe: mean('forwardNfe'),
    backwardNfe: mean('backwardNfe'),
    peakBytes: session.peakBytes(),
    finalLoss: steps[steps.length - 1].loss,
  };
}
