// The Node entry: everything of '@tfode/datasets', plus what reads files, downloads and decodes image folders.
export * from '../index';
export { ChecksumMismatchError, DownloadError, DownloadTooLargeError, MissingDependencyError } from './errors';
export { readDataFile, readMaybeGzipped, DEFAULT_MAX_DATA_BYTES, type ReadLimits, type GunzipLimits } from './data-file';
export { readIdx } from './idx-file';
export { loadIdxImageSet, loadMnistLayout, loadMnist } from './mnist-format';
export { loadFashionMnist, DEBIAN_FASHION_MNIST_DIR } from './fashion-mnist';
export { readCifar10Batch, loadCifar10 } from './cifar10-files';
export { loadImageFolder, type ImageFolderOptions } from './image-folder';
export { loadMnistPackageDigits, loadMnistPackage } from './mnist-package';
export { extractTar } from './tar';
export { download, downloadFile, sha256File, DATASET_SOURCES, DEFAULT_MAX_DOWNLOAD_BYTES, type DatasetName, type RemoteFile, type DownloadOptions } from './download';
