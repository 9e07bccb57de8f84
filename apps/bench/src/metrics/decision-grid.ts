import * as tf from '@tensorflow/tfjs-core';
import { planeGrid } from '@tfode/datasets';

/** One cell of a square grid over the plane and the model's value at its centre. */
export interface GridCell {
  x: number;
  y: number;
  x2: number;
  y2: number;
  value: number;
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
  const centers = planeGrid(low, high, resolution);
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
