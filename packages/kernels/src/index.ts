export { installFastKernels, uninstallFastKernels, fastKernelsInstalled } from './install-fast-kernels';
export { dense, type DenseActivation } from './ops/dense';
export { patches3x3 } from './ops/patches3x3';
export { weightedSum } from './ops/weighted-sum';
export { flatRow } from './ops/flat-row';
export { supportedTfjsVersion, UnsupportedTfjsVersionError } from './tfjs-version';
export { isRecordingGradients } from './engine-state';
export { isolatedVjp, releaseTapeOnBackwardFailure, releaseTapeOnFailure } from './engine-tape';
