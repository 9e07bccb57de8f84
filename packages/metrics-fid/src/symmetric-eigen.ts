/**
 * Eigen-decomposition of a real symmetric matrix in float64: Householder reduction to
 * tridiagonal form followed by the implicit QL algorithm with Wilkinson-style shifts.
 * Written for the covariance matrices of FID (d = 2048), so the inner loops run over
 * contiguous memory: the working matrix is kept column-major (`work[col * n + row]`).
 */
import { FidInputError } from './errors';

/** Eigenvalues ascending; `vectors` (when asked for) holds eigenvector j in `vectors[j*n .. j*n+n)`. */
export interface SymmetricEigen {
  readonly values: Float64Array;
  readonly vectors?: Float64Array;
}

/** Thrown when the QL iteration does not converge (never seen for finite symmetric input). */
export class EigenConvergenceError extends Error {
  constructor(readonly index: number) {
    super(`symmetricEigen: QL iteration did not converge for eigenvalue ${index}; the matrix may hold Inf/NaN or overflow float64`);
    this.name = 'EigenConvergenceError';
  }
}

const MAX_QL_ITERATIONS = 60;

/** Eigenvalues (ascending) and optionally eigenvectors of the symmetric n×n row-major matrix `a`. */
export function symmetricEigen(a: Float64Array, n: number, options: { vectors?: boolean } = {}): SymmetricEigen {
  if (!Number.isInteger(n) || n < 1) throw new FidInputError(`symmetricEigen: size must be a positive integer, got ${n}`);
  if (a.length !== n * n) throw new FidInputError(`symmetricEigen: expected ${n}×${n} = ${n * n} entries, got ${a.length}`);
  const wantVectors = options.vectors ?? false;
  // The input is symmetric, so its row-major and column-major layouts coincide.
  const work = Float64Array.from(a);
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  householderTridiagonalize(work, n, d, e);
  if (wantVectors) accumulateTransforms(work, n, d);
  else for (let i = 0; i < n; i++) d[i] = work[i * n + i];
  for (let i = 1; i < n; i++) e[i - 1] = e[i];
  e[n - 1] = 0;
  implicitQl(d, e, n, wantVectors ? work : undefined);
  return sortAscending(d, n, wantVectors ? work : undefined);
}

/**
 * Householder reduction, last row first. Afterwards `e[1..n)` is the sub-diagonal, the diagonal
 * sits on `work`'s diagonal, and the Householder vectors are stored above it for accumulation.
 * `d` is scratch here (it ends holding the Householder norms h).
 */
function householderTridiagonalize(work: Float64Array, n: number, d: Float64Array, e: Float64Array): void {
  // col(j)[k] = work[j*n + k] is entry (k, j) of the working matrix.
  for (let j = 0; j < n; j++) d[j] = work[j * n + (n - 1)];
  for (let i = n - 1; i > 0; i--) {
    let scale = 0;
    let h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(d[k]);
    if (scale === 0) {
      e[i] = d[i - 1];
      for (let j = 0; j < i; j++) {
        d[j] = work[j * n + (i - 1)];
        work[j * n + i] = 0;
        work[i * n + j] = 0;
      }
    } else {
      for (let k = 0; k < i; k++) {
        d[k] /= scale;
        h += d[k] * d[k];
      }
      let f = d[i - 1];
      let g = Math.sqrt(h);
      if (f > 0) g = -g;
      e[i] = scale * g;
      h -= f * g;
      d[i - 1] = f - g;
      for (let j = 0; j < i; j++) e[j] = 0;
      // e = A·u on the leading i×i block (lower triangle stored in columns). Four columns share each
      // pass over u and e; every sum gets the same terms in the same order as column by column.
      let j = 0;
      for (; j + 4 <= i; j += 4) {
        for (let c = j; c < j + 4; c++) work[i * n + c] = d[c];
        // The triangle heads (rows j..j+3) column by column, then the shared tail.
        let s0 = symvColumn(work, n, j, d, e, j + 4);
        let s1 = symvColumn(work, n, j + 1, d, e, j + 4);
        let s2 = symvColumn(work, n, j + 2, d, e, j + 4);
        let s3 = symvColumn(work, n, j + 3, d, e, j + 4);
        const [col0, col1, col2, col3] = [j * n, (j + 1) * n, (j + 2) * n, (j + 3) * n];
        const [f0, f1, f2, f3] = [d[j], d[j + 1], d[j + 2], d[j + 3]];
        for (let k = j + 4; k < i; k++) {
          const w0 = work[col0 + k];
          const w1 = work[col1 + k];
          const w2 = work[col2 + k];
          const w3 = work[col3 + k];
          const dk = d[k];
          s0 += w0 * dk;
          s1 += w1 * dk;
          s2 += w2 * dk;
          s3 += w3 * dk;
          e[k] = e[k] + w0 * f0 + w1 * f1 + w2 * f2 + w3 * f3;
        }
        [e[j], e[j + 1], e[j + 2], e[j + 3]] = [s0, s1, s2, s3];
      }
      for (; j < i; j++) {
        work[i * n + j] = d[j];
        e[j] = symvColumn(work, n, j, d, e, i);
      }
      f = 0;
      for (let j = 0; j < i; j++) {
        e[j] /= h;
        f += e[j] * d[j];
      }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j] -= hh * d[j];
      // Rank-2 update A ← A − u·qᵀ − q·uᵀ of the lower triangle, four columns per pass over u and q;
      // then d takes row i − 1, the next step's vector.
      for (j = 0; j + 4 <= i; j += 4) {
        for (let c = j; c < j + 4; c++) updateColumn(work, n, c, d, e, j + 4);
        const [col0, col1, col2, col3] = [j * n, (j + 1) * n, (j + 2) * n, (j + 3) * n];
        const [f0, f1, f2, f3] = [d[j], d[j + 1], d[j + 2], d[j + 3]];
        const [g0, g1, g2, g3] = [e[j], e[j + 1], e[j + 2], e[j + 3]];
        for (let k = j + 4; k < i; k++) {
          const ek = e[k];
          const dk = d[k];
          work[col0 + k] -= f0 * ek + g0 * dk;
          work[col1 + k] -= f1 * ek + g1 * dk;
          work[col2 + k] -= f2 * ek + g2 * dk;
          work[col3 + k] -= f3 * ek + g3 * dk;
        }
        for (let c = j; c < j + 4; c++) {
          d[c] = work[c * n + (i - 1)];
          work[c * n + i] = 0;
        }
      }
      for (; j < i; j++) {
        updateColumn(work, n, j, d, e, i);
        d[j] = work[j * n + (i - 1)];
        work[j * n + i] = 0;
      }
    }
    d[i] = h;
  }
}

/** Column j's share of e = A·u over rows j..end−1: returns its partial sum for row j, adds its terms to e[j+1..end). */
function symvColumn(work: Float64Array, n: number, j: number, d: Float64Array, e: Float64Array, end: number): number {
  const col = j * n;
  const f = d[j];
  let g = e[j] + work[col + j] * f;
  for (let k = j + 1; k < end; k++) {
    g += work[col + k] * d[k];
    e[k] += work[col + k] * f;
  }
  return g;
}

/** Rows j..end−1 of column j in the rank-2 update A ← A − u·qᵀ − q·uᵀ (u in d, q in e). */
function updateColumn(work: Float64Array, n: number, j: number, d: Float64Array, e: Float64Array, end: number): void {
  const col = j * n;
  const f = d[j];
  const g = e[j];
  for (let k = j; k < end; k++) work[col + k] -= f * e[k] + g * d[k];
}

/** Turns the stored Householder vectors into the orthogonal matrix Q; leaves the diagonal in `d`. */
function accumulateTransforms(work: Float64Array, n: number, d: Float64Array): void {
  for (let i = 0; i < n - 1; i++) {
    const colI = i * n;
    const colNext = (i + 1) * n;
    work[colI + (n - 1)] = work[colI + i];
    work[colI + i] = 1;
    const h = d[i + 1];
    if (h !== 0) {
      for (let k = 0; k <= i; k++) d[k] = work[colNext + k] / h;
      for (let j = 0; j <= i; j++) {
        const colJ = j * n;
        let g = 0;
        for (let k = 0; k <= i; k++) g += work[colNext + k] * work[colJ + k];
        for (let k = 0; k <= i; k++) work[colJ + k] -= g * d[k];
      }
    }
    for (let k = 0; k <= i; k++) work[colNext + k] = 0;
  }
  for (let j = 0; j < n; j++) {
    d[j] = work[j * n + (n - 1)];
    work[j * n + (n - 1)] = 0;
  }
  work[(n - 1) * n + (n - 1)] = 1;
}

function hypot(a: number, b: number): number {
  const x = Math.abs(a);
  const y = Math.abs(b);
  if (x > y) {
    const r = y / x;
    return x * Math.sqrt(1 + r * r);
  }
  if (y === 0) return 0;
  const r = x / y;
  return y * Math.sqrt(1 + r * r);
}

/**
 * Implicit QL on the tridiagonal (d, e); rotations are applied to the columns of `q`
 * (column-major, so each rotation touches two contiguous runs) when given.
 */
function implicitQl(d: Float64Array, e: Float64Array, n: number, q: Float64Array | undefined): void {
  const eps = 2 ** -52;
  let shiftSum = 0;
  let tst1 = 0;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
    let m = l;
    while (m < n - 1 && Math.abs(e[m]) > eps * tst1) m++;
    if (m > l) {
      let iterations = 0;
      do {
        if (++iterations > MAX_QL_ITERATIONS || !Number.isFinite(tst1)) throw new EigenConvergenceError(l);
        let g = d[l];
        let p = (d[l + 1] - g) / (2 * e[l]);
        let r = hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l] / (p + r);
        d[l + 1] = e[l] * (p + r);
        const dl1 = d[l + 1];
        let h = g - d[l];
        for (let i = l + 2; i < n; i++) d[i] -= h;
        shiftSum += h;
        p = d[m];
        let c = 1;
        let c2 = c;
        let c3 = c;
        const el1 = e[l + 1];
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i];
          h = c * p;
          r = hypot(p, e[i]);
          e[i + 1] = s * r;
          s = e[i] / r;
          c = p / r;
          p = c * d[i] - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]);
          if (q !== undefined) {
            const colI = i * n;
            const colNext = (i + 1) * n;
            for (let k = 0; k < n; k++) {
              const qNext = q[colNext + k];
              const qI = q[colI + k];
              q[colNext + k] = s * qI + c * qNext;
              q[colI + k] = c * qI - s * qNext;
            }
          }
        }
        p = (-s * s2 * c3 * el1 * e[l]) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l]) > eps * tst1);
    }
    d[l] += shiftSum;
    e[l] = 0;
  }
}

function sortAscending(d: Float64Array, n: number, q: Float64Array | undefined): SymmetricEigen {
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => d[i] - d[j]);
  const values = Float64Array.from(order, (i) => d[i]);
  if (q === undefined) return { values };
  const vectors = new Float64Array(n * n);
  order.forEach((from, to) => vectors.set(q.subarray(from * n, from * n + n), to * n));
  return { values, vectors };
}
