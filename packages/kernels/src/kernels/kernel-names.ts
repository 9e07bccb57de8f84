/** The kernels this package adds to tfjs (names distinct from tfjs's own). */
export const ActivationGrad = 'TfodeActivationGrad';
export const Dense = 'TfodeDense';
export const FlatRow = 'TfodeFlatRow';
export const DenseBackprop = 'TfodeDenseBackprop';
export const Patches3x3 = 'TfodePatches3x3';
export const Patches3x3Backprop = 'TfodePatches3x3Backprop';
export const WeightedSum = 'TfodeWeightedSum';
export const WeightedSumBackprop = 'TfodeWeightedSumBackprop';

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
