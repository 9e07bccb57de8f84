import * as tf from '@tensorflow/tfjs-core';
import type { GradientMode } from '@tfode/adjoint';
import {
  augmentedODE, dataControlledODE, higherOrderODE, inputLayerODE, MLP, Module, neuralODE, openLoopNCODE, type ControlledODE, type GammaInit,
  type ModelOptions, type Readout,
} from '@tfode/ncode';

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
  /**
   * What the linear readout reads of x(T): 'input' the image's own C channels flattened (the same
   * readout, H·W·C·classes + classes, for every model, augmented or not), 'pool' each channel's mean
   * over the image, 'flatten' every value (the readout grows with the state's channels).
   */
  readout: ClassifierReadout;
  /** How open-loop N-CODE's γ heads start (ncode's gammaInit): 'layer-scale' puts its kernels at the fixed-weight models' scale. */
  gammaInit: GammaInit;
}

export type ClassifierReadout = 'input' | 'pool' | 'flatten';

/** The ncode readout of a classifier's choice. */
const readoutOf = (o: ImageClassifierOptions): Readout => (o.readout === 'input' ? { firstChannels: o.channels } : o.readout);

/** What training and testing need of a classifier: logits, the variables, and the last call's forward NFE. */
export interface ImageClassifier extends Module {
  predict(x: tf.Tensor): tf.Tensor;
  readonly lastStats: { forward: { nfe: number } };
}

/** The flow-free baseline: the same readout as the flows', read from the input image itself (no ODE, NFE 0). */
class ReadoutOnly extends Module implements ImageClassifier {
  readonly lastStats = { forward: { nfe: 0 } };
  private readonly head: MLP;

  constructor(private readonly o: ImageClassifierOptions) {
    super();
    const inputs = o.readout === 'pool' ? o.channels : o.height * o.width * o.channels; // 'input' and 'flatten' read all of the image
    this.head = this.addModule('readout', new MLP([inputs, o.classes], { seed: o.seed + 101, activation: 'linear' }));
  }

  predict(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => this.head.apply(this.o.readout === 'pool' ? tf.mean(x, [1, 2]) : tf.reshape(x, [x.shape[0], -1])));
  }
}

type ClassifierConstructor = (
  dims: number, a: number, image: { filters: number; height: number; width: number }, common: ModelOptions, o: ImageClassifierOptions,
) => ControlledODE;

/**
 * The image classifiers of Dissecting Table 1 and N-CODE §4.2 Table 1 / App C.2, as @tfode/ncode's
 * constructors on images: the same conv field (1×1 → 3×3 → 1×1, k filters) over t ∈ [0, 1] and a linear
 * readout (ImageClassifierOptions.readout) to the class logits; a is the number of extra channels.
 */
const classifiers = {
  NODE: (dims, _a, image, common) => neuralODE({ dims, image, ...common }),
  // ANODE: z(0) = [x, 0] with a zero channels (Dissecting §4).
  ANODE: (dims, a, image, common) => augmentedODE({ dims, augment: a, image, ...common }),
  // IL-NODE (Dissecting §4 Eq 4): z(0) = h_x(x), a linear lift C → C + a at every pixel.
  'IL-NODE': (dims, a, image, common) => inputLayerODE({ dims, stateDims: dims + a, image, ...common }),
  // Second order (Dissecting §4 Eq 6): positions [x, 0] and velocities 0, C + a/2 channels each.
  '2nd-order': (dims, a, image, common) => higherOrderODE({ dims, order: 2, image: { ...image, augment: Math.floor(a / 2) }, ...common }),
  // Data control (Dissecting §5.1 Eq 10; N-CODE App C.2): x₀ joins [x(t), 0] at the first 1×1 convolution.
  'NODE DC': (dims, a, image, common) => dataControlledODE({ dims, image: { ...image, augment: a }, ...common }),
  // Open-loop N-CODE (N-CODE §3.1, App C.2): every kernel from θ = γ(x₀), γ linear to 10 units, one head per kernel.
  'N-CODE open': (dims, a, image, common, o) => openLoopNCODE({ dims, image: { ...image, augment: a }, gammaInit: o.gammaInit, ...common }),
} satisfies Record<string, ClassifierConstructor>;

/** The flow-free baseline's name: the readout alone, on the input. */
export const readoutOnly = 'readout only';

export type ClassifierName = keyof typeof classifiers | typeof readoutOnly;
/** The classifiers of the `classify` table, in its order: the flow-free baseline, then the six flows. */
export const classifierNames = [readoutOnly, ...Object.keys(classifiers)] as ClassifierName[];

/** One of the classifiers, dopri5 at rtol = atol = tolerance with at most `maxSteps` attempted steps per solve. */
export function imageClassifier(name: ClassifierName, o: ImageClassifierOptions): ImageClassifier {
  if (name === readoutOnly) return new ReadoutOnly(o);
  return classifiers[name](o.channels, o.augment, { filters: o.filters, height: o.height, width: o.width }, {
    seed: o.seed,
    outputs: o.classes,
    readout: readoutOf(o),
    solver: { method: 'dopri5', rtol: o.tolerance, atol: o.tolerance, gradient: o.gradient, maxSteps: o.maxSteps },
  }, o) satisfies ControlledODE;
}

/**
 * The filters k of the conv field that bring `name`'s parameter count nearest to `budget` (Dissecting
 * Table 1 compares models at about the same size), by bisection over k (the count grows with k).
 * The baseline has no field: its k is 0.
 */
export function filtersForBudget(name: ClassifierName, o: Omit<ImageClassifierOptions, 'filters'>, budget: number): number {
  if (name === readoutOnly) return 0;
  const count = (filters: number) => {
    const model = imageClassifier(name, { ...o, filters });
    const n = model.parameterCount;
    model.dispose();
    return n;
  };
  let low = 1;
  let high = 1;
  while (count(high) < budget && high < 512) high *= 2;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (count(middle) < budget) low = middle;
    else high = middle;
  }
  return Math.abs(count(low) - budget) <= Math.abs(count(high) - budget) ? low : high;
}
