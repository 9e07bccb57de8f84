import * as tf from '@tensorflow/tfjs-core';
import type { GradientMode } from '@tfode/adjoint';
import { ControlHeads, ControlledODE, ConvBlock, controlBlockSizes, MLP, type Module } from '@tfode/ncode';

/** The six classifiers of the `classify` table. */
export const classifierNames = ['NODE', 'ANODE', 'IL-NODE', '2nd-order', 'NODE DC', 'N-CODE open'] as const;
export type ClassifierName = (typeof classifierNames)[number];

export interface ImageClassifierOptions {
  height: number;
  width: number;
  channels: number;
  classes: number;
  /** k: filters of the conv field's hidden layers. */
  filters: number;
  /** a: augmented channels (ANODE, IL-NODE, data control, N-CODE; second order uses a/2 positions + a/2 + C velocities). */
  augment: number;
  seed: number;
  /** dopri5 tolerance (rtol = atol), App C.2: 1e-3. */
  tolerance: number;
  gradient: GradientMode;
  maxSteps: number;
}

/** [x, 0]: `extra` zero channels appended (ANODE's 0-augmentation, Dissecting §4). */
function padChannels(x: tf.Tensor, extra: number): tf.Tensor4D {
  return tf.pad(x as tf.Tensor4D, [[0, 0], [0, 0], [0, 0], [0, extra]]);
}

/** A per-pixel linear map C → C' (a 1×1 convolution) through an MLP on [B·H·W, C]. */
function pixelwise(layer: MLP, x: tf.Tensor): tf.Tensor4D {
  const [batch, height, width] = x.shape;
  return tf.reshape(layer.apply(tf.reshape(x, [-1, x.shape[3]!])), [batch, height!, width!, layer.outputs]);
}

/**
 * One of the image classifiers of Dissecting Table 1 and N-CODE §4.2 Table 1 / App C.2, all on the
 * same conv field (1×1 → 3×3 → 1×1, k filters), time [0, 1],
 * dopri5 at rtol = atol = tolerance, and a linear readout of the flattened x(T) to the class logits.
 */
export function imageClassifier(name: ClassifierName, o: ImageClassifierOptions): ControlledODE {
  const { channels: c, augment: a, filters: k, seed } = o;
  const modules: Record<string, Module> = {};
  let readChannels = c + a;
  const config: Partial<ConstructorParameters<typeof ControlledODE>[0]> = {};
  if (name === 'NODE') {
    readChannels = c;
    const f = new ConvBlock(c, k, { seed, outputChannels: c });
    modules.field = f;
    config.field = (_t, x) => f.apply(x);
  } else if (name === 'ANODE') {
    const f = new ConvBlock(c + a, k, { seed, outputChannels: c + a });
    modules.field = f;
    config.inputNet = (x) => padChannels(x, a);
    config.field = (_t, x) => f.apply(x);
  } else if (name === 'IL-NODE') {
    // Dissecting §4 Eq 4: z(0) = h_x(x), a linear input layer (here per pixel, C → C + a).
    const lift = new MLP([c, c + a], { seed: seed + 1, activation: 'linear' });
    const f = new ConvBlock(c + a, k, { seed, outputChannels: c + a });
    Object.assign(modules, { input: lift, field: f });
    config.inputNet = (x) => pixelwise(lift, x);
    config.field = (_t, x) => f.apply(x);
  } else if (name === '2nd-order') {
    // Dissecting §4 Eq 6: z = [z_q, z_p], ż_q = z_p, ż_p = f(z); z_q(0) = [x, 0], z_p(0) = 0.
    const half = c + Math.floor(a / 2);
    readChannels = half;
    const f = new ConvBlock(2 * half, k, { seed, outputChannels: half });
    modules.field = f;
    config.inputNet = (x) => padChannels(x, 2 * half - c);
    config.field = (_t, z) => tf.concat([tf.slice(z, [0, 0, 0, half], [-1, -1, -1, half]), f.apply(z)], 3);
  } else if (name === 'NODE DC') {
    // Dissecting §5.1 Eq 10; N-CODE App C.2: the image x₀ is concatenated to x(t) at the first 1×1 conv.
    const f = new ConvBlock(c + a + c, k, { seed, outputChannels: c + a });
    modules.field = f;
    config.inputNet = (x) => padChannels(x, a);
    config.gamma = (input) => tf.clone(input);
    config.field = (_t, x, x0) => f.apply(tf.concat([x, x0 as tf.Tensor], 3));
  } else {
    // Open-loop N-CODE (N-CODE §3.1, App C.2): all three kernels are θ = γ(x₀),
    // γ a linear map to 10 units with one linear head per kernel; θ̇ = 0.
    const f = new ConvBlock(c + a, k, { seed, controlled: 'all' });
    const gamma = new ControlHeads(o.height * o.width * c, controlBlockSizes(f.controlShapes), { seed: seed + 3, hidden: [10], activation: 'linear' });
    Object.assign(modules, { field: f, gamma });
    config.inputNet = (x) => padChannels(x, a);
    config.gamma = (input) => gamma.apply(input);
    config.field = (_t, x, theta) => f.apply(x, theta);
  }
  const readout = new MLP([o.height * o.width * readChannels, o.classes], { seed: seed + 101, activation: 'linear' });
  modules.readout = readout;
  return new ControlledODE({
    modules,
    ...config,
    field: config.field!,
    outputNet: (xT) => readout.apply(tf.reshape(tf.slice(xT, [0, 0, 0, 0], [-1, -1, -1, readChannels]), [xT.shape[0], -1])),
    times: [0, 1],
    solver: { method: 'dopri5', rtol: o.tolerance, atol: o.tolerance, gradient: o.gradient, maxSteps: o.maxSteps },
  });
}
