import type { GradientMode } from '@tfode/adjoint';
import {
  augmentedODE, dataControlledODE, higherOrderODE, inputLayerODE, neuralODE, openLoopNCODE, type ControlledODE, type ModelOptions,
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
}

type ClassifierConstructor = (dims: number, a: number, image: { filters: number; height: number; width: number }, common: ModelOptions) => ControlledODE;

/**
 * The image classifiers of Dissecting Table 1 and N-CODE §4.2 Table 1 / App C.2, as @tfode/ncode's
 * constructors on images: the same conv field (1×1 → 3×3 → 1×1, k filters) over t ∈ [0, 1] and a linear
 * readout of the flattened x(T) to the class logits; a is the number of extra channels.
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
  'N-CODE open': (dims, a, image, common) => openLoopNCODE({ dims, image: { ...image, augment: a }, ...common }),
} satisfies Record<string, ClassifierConstructor>;

export type ClassifierName = keyof typeof classifiers;
/** The six classifiers of the `classify` table, in its order. */
export const classifierNames = Object.keys(classifiers) as ClassifierName[];

/** One of the classifiers, dopri5 at rtol = atol = tolerance with at most `maxSteps` attempted steps per solve. */
export function imageClassifier(name: ClassifierName, o: ImageClassifierOptions): ControlledODE {
  return classifiers[name](o.channels, o.augment, { filters: o.filters, height: o.height, width: o.width }, {
    seed: o.seed,
    outputs: o.classes,
    solver: { method: 'dopri5', rtol: o.tolerance, atol: o.tolerance, gradient: o.gradient, maxSteps: o.maxSteps },
  });
}
