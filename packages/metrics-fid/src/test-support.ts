// Helpers shared by the tests only (not exported from the package): dense float64 algebra written
// independently of the library code, so the tests compare two different computations.
import { SeededRandom } from '@tfode/seeded-random';

/** Row-major product of an (r×k) and a (k×c) matrix. */
export function matmul(a: Float64Array, b: Float64Array, r: number, k: number, c: number): Float64Array {
  const out = new Float64Array(r * c);
  for (let i = 0; i < r; i++) {
    for (let p = 0; p < k; p++) {
      const v = a[i * k + p];
      for (let j = 0; j < c; j++) out[i * c + j] += v * b[p * c + j];
    }
  }
  return out;
}

export function transpose(a: Float64Array, r: number, c: number): Float64Array {
  const out = new Float64Array(r * c);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out[j * r + i] = a[i * c + j];
  return out;
}

/** Gauss–Jordan inverse with partial pivoting. */
export function inverse(a: Float64Array, n: number): Float64Array {
  const m = Float64Array.from(a);
  const inv = new Float64Array(n * n);
  for (let i = 0; i < n; i++) inv[i * n + i] = 1;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r * n + col]) > Math.abs(m[pivot * n + col])) pivot = r;
    if (pivot !== col) {
      for (let j = 0; j < n; j++) {
        [m[col * n + j], m[pivot * n + j]] = [m[pivot * n + j], m[col * n + j]];
        [inv[col * n + j], inv[pivot * n + j]] = [inv[pivot * n + j], inv[col * n + j]];
      }
    }
    const p = m[col * n + col];
    for (let j = 0; j < n; j++) {
      m[col * n + j] /= p;
      inv[col * n + j] /= p;
    }
    for (let r = 0; r < n; r++) {
      const f = m[r * n + col];
      if (r === col || f === 0) continue;
      for (let j = 0; j < n; j++) {
        m[r * n + j] -= f * m[col * n + j];
        inv[r * n + j] -= f * inv[col * n + j];
      }
    }
  }
  return inv;
}

/** Principal square root of a (possibly non-symmetric) matrix with positive eigenvalues: Denman–Beavers iteration. */
export function denmanBeaversSqrt(a: Float64Array, n: number): Float64Array {
  let y = Float64Array.from(a);
  let z = new Float64Array(n * n);
  for (let i = 0; i < n; i++) z[i * n + i] = 1;
  for (let iteration = 0; iteration < 100; iteration++) {
    const yInv = inverse(y, n);
    const zInv = inverse(z, n);
    const nextY = y.map((v, i) => 0.5 * (v + zInv[i]));
    const nextZ = z.map((v, i) => 0.5 * (v + yInv[i]));
    let change = 0;
    let size = 0;
    for (let i = 0; i < n * n; i++) {
      change += (nextY[i] - y[i]) ** 2;
      size += nextY[i] ** 2;
    }
    y = nextY;
    z = nextZ;
    if (Math.sqrt(change) <= 1e-14 * Math.sqrt(size)) return y;
  }
  throw new Error('denmanBeaversSqrt did not converge');
}

export function traceOf(a: Float64Array, n: number): number {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += a[i * n + i];
  return sum;
}

/** m×d Gaussian matrix, row-major. */
export function gaussianMatrix(random: SeededRandom, m: number, d: number): Float64Array {
  return Float64Array.from({ length: m * d }, () => random.normal());
}

/** XᵀX / m for an m×d sample matrix X (rank min(m, d)). */
export function gramCovariance(x: Float64Array, m: number, d: number): Float64Array {
  return matmul(transpose(x, m, d), x, d, m, d).map((v) => v / m);
}

/** A random orthogonal matrix: the product of a few Householder reflections. */
export function randomOrthogonal(random: SeededRandom, n: number, reflections = 4): Float64Array {
  let q: Float64Array = new Float64Array(n * n);
  for (let i = 0; i < n; i++) q[i * n + i] = 1;
  for (let r = 0; r < reflections; r++) {
    const v = Float64Array.from({ length: n }, () => random.normal());
    const vv = v.reduce((s, x) => s + x * x, 0);
    const h = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) h[i * n + j] = (i === j ? 1 : 0) - (2 * v[i] * v[j]) / vv;
    q = matmul(q, h, n, n, n);
  }
  return q;
}

/** Q diag(λ) Qᵀ, symmetrised exactly. */
export function withSpectrum(q: Float64Array, lambda: ArrayLike<number>, n: number): Float64Array {
  const scaled = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) scaled[i * n + j] = q[i * n + j] * lambda[j];
  const m = matmul(scaled, transpose(q, n, n), n, n, n);
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) m[j * n + i] = m[i * n + j];
  return m;
}
