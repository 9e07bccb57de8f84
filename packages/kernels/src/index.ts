export { installFastKernels, uninstallFastKernels, fastKernelsInstalled } from './install-fast-kernels';
export { dense, type DenseActivation } from './ops/dense';
export { supportedTfjsVersion, UnsupportedTfjsVersionError } from './tfjs-version';
