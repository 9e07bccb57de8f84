import { FidInputError } from './errors';
import { type GaussianStatistics, validateStatistics } from './gaussian-statistics';
import { EigenConvergenceError, symmetricEigen } from './symmetric-eigen';

export interface FrechetOptions {
  /** Diagonal offset added to both covariances when the first attempt is not finite (pytorch-fid: 1e-6). */
  eps?: number;
  /** Receives the warning when the offset is applied; default console.warn. */
  onWarning?: (message: string) => void;
}

/**
 * Fréchet distance between N(μ₁, Σ₁) and N(μ₂, Σ₂):
 * ‖μ₁−μ₂‖² + tr(Σ₁ + Σ₂ − 2(Σ₁Σ₂)^{1/2})  (Heusel et al. 2017, as cited in App. C.6 of 000_a288946168992ea9.txt).
 * tr(Σ₁Σ₂)^{1/2} is computed as Σ√ν over the eigenvalues ν of the symmetric PSD matrix Σ₁^{1/2}Σ₂Σ₁^{1/2},
 * which shares its spectrum with Σ₁Σ₂; this is exact for rank-deficient covariances (n < dim).
 */
export function frechetDistance(a: GaussianStatistics, b: GaussianStatistics, options: FrechetOptions = {}): number {
  return frechetDistanceWith(a, b, options, traceSqrtProduct);
}

/** The Fréchet distance with the trace-square-root routine injected (lets tests exercise the ε fallback). */
export function frechetDistanceWith(
  a: GaussianStatistics,
  b: GaussianStatistics,
  options: FrechetOptions,
  traceSqrt: (s1: Float64Array, s2: Float64Array, dim: number) => number,
): number {
  validateStatistics(a, 'frechetDistance: first statistics');
  validateStatistics(b, 'frechetDistance: second statistics');
  if (a.dim !== b.dim) throw new FidInputError(`frechetDistance: dimensions differ (${a.dim} vs ${b.dim}); compute both statistics with the same feature extractor`);
  const dim = a.dim;
  const eps = options.eps ?? 1e-6;
  let meanTerm = 0;
  for (let i = 0; i < dim; i++) meanTerm += (a.mean[i] - b.mean[i]) ** 2;
  const traceTerm = trace(a.covariance, dim) + trace(b.covariance, dim);
  let covTrace = tryTraceSqrt(traceSqrt, a.covariance, b.covariance, dim);
  if (!Number.isFinite(covTrace)) {
    // Same fallback as the reference implementation: offset both diagonals by ε and retry.
    (options.onWarning ?? console.warn)(`frechetDistance: tr((Σ₁Σ₂)^½) is not finite; adding ${eps} to the diagonal of both covariances`);
    covTrace = tryTraceSqrt(traceSqrt, addDiagonal(a.covariance, dim, eps), addDiagonal(b.covariance, dim, eps), dim);
    if (!Number.isFinite(covTrace)) {
      throw new FidInputError(`frechetDistance: tr((Σ₁Σ₂)^½) is not finite even with a ${eps} diagonal offset; the covariances overflow float64 — rescale the features`);
    }
  }
  return meanTerm + traceTerm - 2 * covTrace;
}

function tryTraceSqrt(fn: (s1: Float64Array, s2: Float64Array, dim: number) => number, s1: Float64Array, s2: Float64Array, dim: number): number {
  try {
    return fn(s1, s2, dim);
  } catch (error) {
    if (error instanceof EigenConvergenceError) return Number.NaN;
    throw error;
  }
}

/**
 * tr((Σ₁Σ₂)^{1/2}) = Σᵢ √νᵢ with ν the eigenvalues of U Σ₂ Uᵀ, U = Λ^{1/2}Vᵀ from Σ₁ = VΛVᵀ restricted to
 * eigenvalues above the numerical-rank threshold (the rest are rounding noise of zeros); ν gets the same rule.
 */
export function traceSqrtProduct(s1: Float64Array, s2: Float64Array, dim: number): number {
  const { values, vectors } = symmetricEigen(s1, dim, { vectors: true });
  const threshold = rankThreshold(values);
  const kept: number[] = [];
  for (let j = 0; j < dim; j++) if (values[j] > threshold) kept.push(j);
  const rank = kept.length;
  if (rank === 0) return 0;
  // Rows of U: √λⱼ vⱼ (eigenvectors are stored contiguously).
  const u = new Float64Array(rank * dim);
  kept.forEach((j, row) => {
    const scale = Math.sqrt(values[j]);
    for (let k = 0; k < dim; k++) u[row * dim + k] = scale * vectors![j * dim + k];
  });
  // T = U Σ₂ (rank×dim), then B = T Uᵀ (rank×rank, symmetric).
  const t = new Float64Array(rank * dim);
  for (let r = 0; r < rank; r++) {
    const tRow = t.subarray(r * dim, r * dim + dim);
    for (let k = 0; k < dim; k++) {
      const coefficient = u[r * dim + k];
      if (coefficient === 0) continue;
      const s2Row = s2.subarray(k * dim, k * dim + dim);
      for (let c = 0; c < dim; c++) tRow[c] += coefficient * s2Row[c];
    }
  }
  const product = new Float64Array(rank * rank);
  for (let r = 0; r < rank; r++) {
    for (let c = r; c < rank; c++) {
      let sum = 0;
      for (let k = 0; k < dim; k++) sum += t[r * dim + k] * u[c * dim + k];
      product[r * rank + c] = sum;
      product[c * rank + r] = sum;
    }
  }
  const nu = symmetricEigen(product, rank).values;
  let total = 0;
  for (const v of nu) if (v > rankThreshold(nu)) total += Math.sqrt(v);
  return total;
}

/** Eigenvalues at or below size·ε·|λ|_max are zeros blurred by rounding (numpy's matrix_rank rule). */
function rankThreshold(ascending: Float64Array): number {
  const top = Math.max(Math.abs(ascending[0]), Math.abs(ascending[ascending.length - 1]));
  return ascending.length * 2 ** -52 * top;
}

function trace(m: Float64Array, dim: number): number {
  let sum = 0;
  for (let i = 0; i < dim; i++) sum += m[i * dim + i];
  return sum;
}

function addDiagonal(m: Float64Array, dim: number, eps: number): Float64Array {
  const out = Float64Array.from(m);
  for (let i = 0; i < dim; i++) out[i * dim + i] += eps;
  return out;
}
