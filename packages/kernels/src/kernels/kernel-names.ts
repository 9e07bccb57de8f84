/** The kernels this package adds to tfjs (names distinct from tfjs's own). */
export const ActivationGrad = 'TfodeActivationGrad';
export const Dense = 'TfodeDense';
export const DenseBackpropInput = 'TfodeDenseBackpropInput';
export const DenseBackpropFilter = 'TfodeDenseBackpropFilter';
export const DenseBackpropBias = 'TfodeDenseBackpropBias';

/** The attributes of every dense and activation-gradient kernel. */
export interface ActivationAttrs {
  activation: 'linear' | 'tanh' | 'sigmoid' | 'relu';
}
