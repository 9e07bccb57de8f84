/**
 * A block of a row-major tensor as contiguous runs: at most three outer axes (counts, element strides on
 * the source and on the destination) and the run length in elements. The layout copyRuns takes.
 */
export interface Runs {
  offset: number;
  length: number;
  counts: [number, number, number];
  sourceStrides: [number, number, number];
  targetStrides: [number, number, number];
}

function stridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let stride = 1;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    strides[axis] = stride;
    stride *= shape[axis];
  }
  return strides;
}

/**
 * The runs of x[begin : begin + size] copied into a contiguous tensor of shape `size`, or null when
 * more than three outer axes would remain. Axes of size 1 drop out; the axes after the last partial
 * one merge into the run.
 */
export function sliceRuns(shape: readonly number[], begin: readonly number[], size: readonly number[]): Runs | null {
  const source = stridesOf(shape);
  const target = stridesOf(size);
  let inner = shape.length - 1;
  while (inner > 0 && begin[inner] === 0 && size[inner] === shape[inner]) inner--;
  const outer = [...Array(inner).keys()].filter((axis) => size[axis] > 1);
  if (outer.length > 3) return null;
  const pad = <T>(values: T[], fill: T) => [...values, ...Array(3 - values.length).fill(fill)] as [T, T, T];
  return {
    offset: begin.reduce((sum, b, axis) => sum + b * source[axis], 0),
    length: size[inner] * target[inner],
    counts: pad(outer.map((axis) => size[axis]), 1),
    sourceStrides: pad(outer.map((axis) => source[axis]), 0),
    targetStrides: pad(outer.map((axis) => target[axis]), 0),
  };
}
