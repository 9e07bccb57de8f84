export { InvalidArgumentError } from './errors';
export type { Span } from './validate';
export { SeededRandom } from '@tfode/seeded-random';
export type { TimeBasis } from './time-basis';
export { bucket } from './bucket';
export { monomial } from './monomial';
export { chebyshev, legendre } from './orthogonal-polynomials';
export { fourier } from './fourier';
export { randomFourier, type RandomFourierBasis, type RandomFourierOptions } from './random-fourier';
export { lecunCoefficientStd, meanSquareNorm, type CoefficientInit } from './coefficient-init';
export { TimeVaryingWeight } from './time-varying-weight';
export { applyHouseholder, householderProduct, type ReflectionSign } from './householder';
export { householderFromOrthogonal, type HouseholderFactors } from './householder-from-orthogonal';
export {
  OrthogonalTimeVaryingWeight,
  type OrthogonalTimeVaryingWeightOptions,
} from './orthogonal-time-varying-weight';
export { HypernetworkWeight, type HypernetworkWeightOptions } from './hypernetwork-weight';
export { GatedMixture } from './gated-mixture';
export type { Activation } from './activation';
export type { TimeDependentLayer } from './time-dependent-layer';
export type { AffineInitOptions } from './time-varying-affine';
export { TimeVaryingDense, type TimeVaryingDenseOptions } from './time-varying-dense';
export { TimeVaryingConv2d, type TimeVaryingConv2dOptions } from './time-varying-conv2d';
export { resolveActivation } from './activation';
