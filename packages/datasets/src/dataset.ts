import { InvalidArgumentError } from './errors';

/**
 * Examples held on the host as flat, example-major arrays. Images are NHWC: `xShape` is
 * [height, width, channels] and `x` is a Uint8Array of raw pixels (0…255), turned into float32
 * only batch by batch. `y` holds class indices (Int32Array, `yShape` [], `numClasses` set) or
 * real-valued targets (Float32Array of `yShape` per example; [0] for unlabeled data).
 */
export interface ArrayDataset {
  readonly size: number;
  readonly x: Float32Array | Uint8Array;
  readonly xShape: readonly number[];
  readonly y: Float32Array | Int32Array;
  readonly yShape: readonly number[];
  readonly numClasses?: number;
  readonly classNames?: readonly string[];
}

export interface ArrayDatasetParts {
  x: Float32Array | Uint8Array;
  xShape: readonly number[];
  y: Float32Array | Int32Array;
  yShape?: readonly number[];
  numClasses?: number;
  classNames?: readonly string[];
}

/** Number of elements in a tensor of `shape`. */
export function shapeSize(shape: readonly number[]): number {
  return shape.reduce((product, d) => product * d, 1);
}

/** Checks that the arrays agree on the example count and the labels on `numClasses`, then builds the dataset. */
export function createDataset(parts: ArrayDatasetParts): ArrayDataset {
  const yShape = parts.yShape ?? [];
  for (const [name, shape] of [['xShape', parts.xShape], ['yShape', yShape]] as const) {
    if (!shape.every((d) => Number.isInteger(d) && d >= 0)) {
      throw new InvalidArgumentError(`${name} must hold non-negative integers, got [${shape.join(', ')}]`);
    }
  }
  const xPer = shapeSize(parts.xShape);
  if (xPer === 0 || parts.x.length % xPer !== 0) {
    throw new InvalidArgumentError(`x has ${parts.x.length} values, not a multiple of one example's ${xPer} (xShape [${parts.xShape.join(', ')}])`);
  }
  const size = parts.x.length / xPer;
  const yPer = shapeSize(yShape);
  if (parts.y.length !== size * yPer) {
    throw new InvalidArgumentError(`x holds ${size} examples but y has ${parts.y.length} values; expected ${size * yPer} (yShape [${yShape.join(', ')}])`);
  }
  if (parts.y instanceof Int32Array) {
    const { numClasses } = parts;
    if (yShape.length !== 0 || numClasses === undefined) {
      throw new InvalidArgumentError('class labels (Int32Array y) need yShape [] and numClasses');
    }
    const bad = parts.y.findIndex((label) => label < 0 || label >= numClasses);
    if (bad >= 0) throw new InvalidArgumentError(`label ${parts.y[bad]} of example ${bad} is outside 0…${numClasses - 1}`);
  }
  if (parts.classNames && parts.classNames.length !== parts.numClasses) {
    throw new InvalidArgumentError(`${parts.classNames.length} class names for ${parts.numClasses} classes`);
  }
  return { size, x: parts.x, xShape: [...parts.xShape], y: parts.y, yShape: [...yShape], numClasses: parts.numClasses, classNames: parts.classNames };
}

/** The examples at `indices`, in that order (copies). */
export function subset(data: ArrayDataset, indices: ArrayLike<number>): ArrayDataset {
  const xPer = shapeSize(data.xShape);
  const yPer = shapeSize(data.yShape);
  const x = new (data.x.constructor as Float32ArrayConstructor | Uint8ArrayConstructor)(indices.length * xPer);
  const y = new (data.y.constructor as Float32ArrayConstructor | Int32ArrayConstructor)(indices.length * yPer);
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k];
    if (!Number.isInteger(i) || i < 0 || i >= data.size) throw new InvalidArgumentError(`index ${i} is outside 0…${data.size - 1}`);
    x.set(data.x.subarray(i * xPer, (i + 1) * xPer), k * xPer);
    y.set(data.y.subarray(i * yPer, (i + 1) * yPer), k * yPer);
  }
  return { ...data, size: indices.length, x, y };
}

/** Stacks datasets with the same example shapes and label space (e.g. CIFAR-10's five training batches). */
export function concatDatasets(parts: readonly ArrayDataset[]): ArrayDataset {
  if (parts.length === 0) throw new InvalidArgumentError('concatDatasets needs at least one dataset');
  const [first] = parts;
  for (const part of parts) {
    if (part.xShape.join() !== first.xShape.join() || part.yShape.join() !== first.yShape.join() || part.numClasses !== first.numClasses || part.x.constructor !== first.x.constructor || part.y.constructor !== first.y.constructor) {
      throw new InvalidArgumentError('concatDatasets: all parts must share xShape, yShape, array types and numClasses');
    }
  }
  const x = new (first.x.constructor as Float32ArrayConstructor | Uint8ArrayConstructor)(parts.reduce((n, p) => n + p.x.length, 0));
  const y = new (first.y.constructor as Float32ArrayConstructor | Int32ArrayConstructor)(parts.reduce((n, p) => n + p.y.length, 0));
  let xOffset = 0;
  let yOffset = 0;
  for (const part of parts) {
    x.set(part.x, xOffset);
    y.set(part.y, yOffset);
    xOffset += part.x.length;
    yOffset += part.y.length;
  }
  return { ...first, size: parts.reduce((n, p) => n + p.size, 0), x, y };
}

/** How many examples carry each class label. */
export function classCounts(data: ArrayDataset): number[] {
  if (!(data.y instanceof Int32Array) || data.numClasses === undefined) {
    throw new InvalidArgumentError('classCounts needs a dataset with class labels');
  }
  const counts = new Array<number>(data.numClasses).fill(0);
  for (const label of data.y) counts[label]++;
  return counts;
}
