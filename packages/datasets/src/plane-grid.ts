import { InvalidArgumentError } from './errors';

/**
 * The centres of a resolution × resolution grid of equal cells tiling [low, high]², row by row (y outer,
 * x inner), as [x, y] pairs in one flat array: where a 2-D toy's decision boundary or flow is drawn.
 */
export function planeGrid(low: number, high: number, resolution: number): Float32Array {
  if (!(high > low) || !Number.isFinite(low) || !Number.isFinite(high)) {
    throw new InvalidArgumentError(`grid range needs finite low < high, got [${low}, ${high}]`);
  }
  if (!Number.isInteger(resolution) || resolution < 1) throw new InvalidArgumentError(`grid resolution must be a positive integer, got ${resolution}`);
  const width = (high - low) / resolution;
  const centers = new Float32Array(resolution * resolution * 2);
  for (let row = 0; row < resolution; row++) {
    for (let column = 0; column < resolution; column++) {
      const i = row * resolution + column;
      centers[2 * i] = low + (column + 0.5) * width;
      centers[2 * i + 1] = low + (row + 0.5) * width;
    }
  }
  return centers;
}
