/**
 * Cholesky factorisation with diagonal pivoting of a symmetric positive semi-definite matrix:
 * A ≈ F Fᵀ with F of size n × rank, stopping once the largest remaining pivot is at most
 * n·ε·max(diag A) (LAPACK dpstrf's default tolerance). Rank-deficient covariances (fewer samples
 * than features) factor cleanly, and the work is about n·rank²/2 instead of the ~9n³ of a full
 * eigen-decomposition.
 */
import { FidInputError } from './errors';

export interface PivotedCholesky {
  readonly rank: number;
  /** Fᵀ, row-major rank × n: row k is the k-th column of F, in the original index order. */
  readonly factorTransposed: Float64Array;
  /** All n indices, the `rank` pivots first in the order chosen: F's rows in this order are lower-trapezoidal. */
  readonly order: Int32Array;
}

export function pivotedCholesky(a: Float64Array, n: number): PivotedCholesky {
  if (!Number.isInteger(n) || n < 1 || a.length !== n * n) throw new FidInputError(`pivotedCholesky: expected ${n}×${n} entries, got ${a.length}`);
  const residual = Float64Array.from({ length: n }, (_, i) => a[i * n + i]);
  const tolerance = n * 2 ** -52 * Math.max(0, ...residual);
  // Rows of F (length n each, first `rank` entries used) so the dot products below are contiguous.
  const rows = new Float64Array(n * n);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  let rank = 0;
  for (; rank < n; rank++) {
    // order[rank..n) are the rows not yet pivoted, kept in index order.
    let best = rank;
    for (let t = rank + 1; t < n; t++) if (residual[order[t]] > residual[order[best]]) best = t;
    const pivot = order[best];
    if (residual[pivot] <= tolerance) break;
    order.copyWithin(rank + 1, rank, best);
    order[rank] = pivot;
    const diagonal = Math.sqrt(residual[pivot]);
    const pivotRow = pivot * n;
    rows[pivotRow + rank] = diagonal;
    // Column `rank` of F for four rows at a time: four independent dot products share the pivot row's loads.
    for (let t = rank + 1; t < n; t += 4) {
      const i0 = order[t];
      const i1 = order[Math.min(t + 1, n - 1)];
      const i2 = order[Math.min(t + 2, n - 1)];
      const i3 = order[Math.min(t + 3, n - 1)];
      const [r0, r1, r2, r3] = [i0 * n, i1 * n, i2 * n, i3 * n];
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let j = 0; j < rank; j++) {
        const p = rows[pivotRow + j];
        s0 += rows[r0 + j] * p;
        s1 += rows[r1 + j] * p;
        s2 += rows[r2 + j] * p;
        s3 += rows[r3 + j] * p;
      }
      const sums = [s0, s1, s2, s3];
      for (let u = 0; u < 4 && t + u < n; u++) {
        const i = order[t + u];
        const value = (a[i * n + pivot] - sums[u]) / diagonal;
        rows[i * n + rank] = value;
        residual[i] -= value * value;
      }
    }
  }
  const factorTransposed = new Float64Array(rank * n);
  for (let i = 0; i < n; i++) for (let k = 0; k < rank; k++) factorTransposed[k * n + i] = rows[i * n + k];
  return { rank, factorTransposed, order };
}
