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
}

export function pivotedCholesky(a: Float64Array, n: number): PivotedCholesky {
  if (!Number.isInteger(n) || n < 1 || a.length !== n * n) throw new FidInputError(`pivotedCholesky: expected ${n}×${n} entries, got ${a.length}`);
  const residual = Float64Array.from({ length: n }, (_, i) => a[i * n + i]);
  const tolerance = n * 2 ** -52 * Math.max(0, ...residual);
  // Rows of F (length n each, first `rank` entries used) so the dot products below are contiguous.
  const rows = new Float64Array(n * n);
  const used = new Uint8Array(n);
  let rank = 0;
  for (; rank < n; rank++) {
    let pivot = -1;
    for (let i = 0; i < n; i++) if (!used[i] && (pivot < 0 || residual[i] > residual[pivot])) pivot = i;
    if (residual[pivot] <= tolerance) break;
    used[pivot] = 1;
    const diagonal = Math.sqrt(residual[pivot]);
    const pivotRow = rows.subarray(pivot * n, pivot * n + rank);
    rows[pivot * n + rank] = diagonal;
    for (let i = 0; i < n; i++) {
      if (used[i]) continue;
      const row = rows.subarray(i * n, i * n + rank);
      let s = a[i * n + pivot];
      for (let j = 0; j < rank; j++) s -= row[j] * pivotRow[j];
      const value = s / diagonal;
      rows[i * n + rank] = value;
      residual[i] -= value * value;
    }
  }
  const factorTransposed = new Float64Array(rank * n);
  for (let i = 0; i < n; i++) for (let k = 0; k < rank; k++) factorTransposed[k * n + i] = rows[i * n + k];
  return { rank, factorTransposed };
}
