/** The kernels this package adds to tfjs (names distinct from tfjs's own). */
export const ActivationGrad = 'TfodeActivationGrad';
export const AdamUpdate = 'TfodeAdamUpdate';
export const Dense = 'TfodeDense';
export const FlatRow = 'TfodeFlatRow';
export const DenseBackprop = 'TfodeDenseBackprop';
export const DenseLayers = 'TfodeDenseLayers';
export const DenseLayersBackprop = 'TfodeDenseLayersBackprop';
export const ErrorSquares = 'TfodeErrorSquares';
export const Patches3x3 = 'TfodePatches3x3';
export const Patches3x3Backprop = 'TfodePatches3x3Backprop';
export const WeightedSum = 'TfodeWeightedSum';
export const WeightedSumBackprop = 'TfodeWeightedSumBackprop';

/** Adam's constants, as tf.train.adam holds them (β1, β2 and ε applied in float32, as tfjs's ops apply them). */
export interface AdamUpdateAttrs {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
}

/** The tolerances of an adaptive solver's error measure (errorSquares). */
export interface ErrorSquaresAttrs {
  rtol: number;
  atol: number;
}

/** The weights of a weighted sum, one per input (inputs are named t0, t1, …). */
export interface WeightedSumAttrs {
  weights: number[];
}

/** The shapes of the inputs (t0, t1, …) flatRow joins. */
export interface FlatRowAttrs {
  shapes: number[][];
}

/** The attributes of the dense and activation-gradient kernels. */
export interface ActivationAttrs {
  activation: 'linear' | 'tanh' | 'sigmoid' | 'relu';
}

/**
 * The dense kernels' attributes: the activation, whether the layer has a bias (then the gradient's third
 * output is ∂b), and the constant column t appended to x's rows (null for none: then w has one row more).
 */
export interface DenseAttrs extends ActivationAttrs {
  hasBias: boolean;
  time: number | null;
}

/**
 * The dense-layers kernels' attributes: per layer its activation and whether it has a bias, and the
 * time column of the first layer. The forward kernel's inputs are a list (its gradient saves them all,
 * as tfjs saves AddN's): x, the weights w0, b0, w1, … (a b only where the layer has one), then one
 * buffer per hidden layer that the kernel writes that layer's output into, at denseLayersInputs' indices.
 */
export interface DenseLayersAttrs {
  activations: ActivationAttrs['activation'][];
  hasBias: boolean[];
  time: number | null;
}

/** Where the dense-layers kernel finds each layer's w and b in its list of inputs, and where the hidden layers' buffers start. */
export function denseLayersInputs(hasBias: boolean[]): { layers: { w: number; b?: number }[]; hidden: number } {
  let next = 1;
  const layers = hasBias.map((bias) => {
    const w = next++;
    return bias ? { w, b: next++ } : { w };
  });
  return { layers, hidden: next };
}

/** The backward kernel's input names for layer i, its weight w{i} and output y{i}: made once each (the kernel runs once per evaluation). */
const backpropKeys: { w: string; y: string }[] = [];
export const denseLayersBackpropKeys = (i: number): { w: string; y: string } => (backpropKeys[i] ??= { w: `w${i}`, y: `y${i}` });
