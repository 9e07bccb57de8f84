import { asUint8Array, type Bytes } from './bytes';
import { CIFAR10_CLASS_NAMES } from './class-names';
import { createDataset, type ArrayDataset } from './dataset';
import { DataFileError } from './errors';

const SIDE = 32;
const PLANE = SIDE * SIDE;
const RECORD_BYTES = 1 + 3 * PLANE;

/**
 * One CIFAR-10 binary batch held in memory: records of 1 label byte then 3072 pixel bytes (1024
 * red, 1024 green, 1024 blue, each row-major); returned as uint8 NHWC [32, 32, 3]. `source` names
 * the bytes in a `DataFileError` (a path or a URL).
 */
export function parseCifar10Batch(data: Bytes, source: string, classNames: readonly string[] = CIFAR10_CLASS_NAMES): ArrayDataset {
  const bytes = asUint8Array(data);
  if (bytes.length === 0 || bytes.length % RECORD_BYTES !== 0) {
    throw new DataFileError(source, `${bytes.length} bytes is not a whole number of ${RECORD_BYTES}-byte records (1 label byte + 3072 pixel bytes); the file is truncated or not a CIFAR-10 binary batch`);
  }
  const count = bytes.length / RECORD_BYTES;
  const x = new Uint8Array(count * 3 * PLANE);
  const y = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const record = i * RECORD_BYTES;
    y[i] = bytes[record];
    if (y[i] >= classNames.length) throw new DataFileError(source, `record ${i} has label ${y[i]}, outside 0…${classNames.length - 1}`);
    for (let p = 0; p < PLANE; p++) {
      for (let c = 0; c < 3; c++) x[(i * PLANE + p) * 3 + c] = bytes[record + 1 + c * PLANE + p];
    }
  }
  return createDataset({ x, xShape: [SIDE, SIDE, 3], y, numClasses: classNames.length, classNames });
}
