import * as tf from '@tensorflow/tfjs-core';

/** One cell of a square grid over the plane and the model's value at its centre. */
export interface GridCell {
  x: number;
  y: number;
  x2: number;
  y2: number;
  value: number;
}

/** Centres of a resolution × resolution grid of equal cells tiling [low, high]², row by row (y outer, x inner). */
export function gridCenters(low: number, high: number, resolution: number): Float32Array {
  if (!(high > low)) throw new Error(`grid range needs low < high, got [${low}, ${high}]`);
  if (!Number.isInteger(resolution) || resolution < 1) throw new Error(`grid resolution must be a positive integer, got ${resolution}`);
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

/**
 * Evaluates `f` (a batch [B, 2] → [B, 1] or [B] of values, e.g. P(class 1)) on the grid's centres in
 * batches of `batchSize`, and returns each cell with its bounds (for a heatmap) and value.
 */
export function evaluateOnGrid(
  f: (points: tf.Tensor2D) => tf.Tensor,
  low: number,
  high: number,
  resolution: number,
  batchSize = 1024,
): GridCell[] {
  const centers = gridCenters(low, high, resolution);
  const count = resolution * resolution;
  const values = new Float32Array(count);
  for (let start = 0; start < count; start += batchSize) {
    const size = Math.min(batchSize, count - start);
    const out = tf.tidy(() => tf.reshape(f(tf.tensor2d(centers.subarray(2 * start, 2 * (start + size)), [size, 2])), [-1]));
    if (out.size !== size) {
      out.dispose();
      throw new Error(`the grid function returned ${out.size} values for ${size} points; return one value per point`);
    }
    values.set(out.dataSync(), start);
    out.dispose();
  }
  const half = (high - low) / resolution / 2;
  return Array.from({ length: count }, (_, i) => ({
    x: centers[2 * i] - half,
    x2: centers[2 * i] + half,
    y: centers[2 * i + 1] - half,
    y2: centers[2 * i + 1] + half,
    value: values[i],
  }));
}
