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
      // e = A·u on the leading i×i block (lower triangle stored in columns).
      for (let j = 0; j < i; j++) {
        const colJ = j * n;
        f = d[j];
        work[i * n + j] = f;
        g = e[j] + work[colJ + j] * f;
        for (let k = j + 1; k < i; k++) {
          g += work[colJ + k] * d[k];
          e[k] += work[colJ + k] * f;
        }
        e[j] = g;
      }
      f = 0;
      for (let j = 0; j < i; j++) {
        e[j] /= h;
        f += e[j] * d[j];
      }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j] -= hh * d[j];
      // Rank-2 update A ← A − u·qᵀ − q·uᵀ of the lower triangle.
      for (let j = 0; j < i; j++) {
        const colJ = j * n;
        f = d[j];
        g = e[j];
        for (let k = j; k < i; k++) work[colJ + k] -= f * e[k] + g * d[k];
        d[j] = work[colJ + (i - 1)];
        work[colJ + i] = 0;
      }
    }
    d[i] = h;
  }
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
