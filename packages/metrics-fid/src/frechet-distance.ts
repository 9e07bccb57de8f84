import { FidInputError } from './errors';
import { type GaussianStatistics, validateStatistics } from './gaussian-statistics';
import { multiplyByTranspose } from './matrix-product';
import { pivotedCholesky } from './pivoted-cholesky';
import { EigenConvergenceError, symmetricEigen } from './symmetric-eigen';

export interface FrechetOptions {
  /** Diagonal offset added to both covariances when the first attempt is not finite (pytorch-fid: 1e-6). */
  eps?: number;
  /** Receives the warning when the offset is applied; default console.warn. */
  onWarning?: (message: string) => void;
}

/**
 * Fréchet distance between N(μ₁, Σ₁) and N(μ₂, Σ₂):
 * ‖μ₁−μ₂‖² + tr(Σ₁ + Σ₂ − 2(Σ₁Σ₂)^{1/2})  (Heusel et al. 2017, as cited in N-CODE App C.6).
 * tr(Σ₁Σ₂)^{1/2} is computed as Σ√ν over the eigenvalues ν of a symmetric PSD matrix with the spectrum of
 * Σ₁^{1/2}Σ₂Σ₁^{1/2} (and of Σ₁Σ₂); this stays exact for rank-deficient covariances (n < dim).
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
  // tr((Σ₁Σ₂)^½) is symmetric in Σ₁, Σ₂; factor the one from fewer samples (rank ≤ count − 1), as the work grows with that rank.
  const [s1, s2] = (b.count ?? Infinity) < (a.count ?? Infinity) ? [b.covariance, a.covariance] : [a.covariance, b.covariance];
  let covTrace = tryTraceSqrt(traceSqrt, s1, s2, dim);
  let floor = 0;
  if (!Number.isFinite(covTrace)) {
    // Same fallback as the reference implementation: offset both diagonals by ε and retry.
    (options.onWarning ?? console.warn)(`frechetDistance: tr((Σ₁Σ₂)^½) is not finite; adding ${eps} to the diagonal of both covariances`);
    covTrace = tryTraceSqrt(traceSqrt, addDiagonal(s1, dim, eps), addDiagonal(s2, dim, eps), dim);
    if (!Number.isFinite(covTrace)) {
      throw new FidInputError(`frechetDistance: tr((Σ₁Σ₂)^½) is not finite even with a ${eps} diagonal offset; the covariances overflow float64 — rescale the features`);
    }
    // The offset enters the square root only, as in the reference, which moves the bound below to −2·dim·ε.
    floor = -2 * dim * eps;
  }
  return meanTerm + covarianceTerm(traceTerm, covTrace, floor);
}

/**
 * tr Σ₁ + tr Σ₂ − 2 tr((Σ₁Σ₂)^½), the squared Bures distance: at least `floor` (0, or −2·dim·ε after
 * the ε retry) when both covariances are positive semi-definite, since tr((Σ₁Σ₂)^½) ≤ (tr Σ₁ + tr Σ₂)/2.
 * Rounding may land it just below the floor, where it is clamped; more than 10⁻⁶·|tr Σ₁ + tr Σ₂|
 * below means a covariance is not PSD (a negative eigenvalue), and the distance would be meaningless.
 */
function covarianceTerm(traceTerm: number, covTrace: number, floor: number): number {
  const term = traceTerm - 2 * covTrace;
  if (term < floor - 1e-6 * Math.abs(traceTerm)) {
    throw new FidInputError(
      `frechetDistance: tr(Σ₁ + Σ₂ − 2(Σ₁Σ₂)^½) = ${term} is negative, so a covariance is not positive semi-definite; pass covariance matrices of real features`,
    );
  }
  return Math.max(floor, term);
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
 * tr((Σ₁Σ₂)^{1/2}) = Σᵢ √νᵢ with ν the eigenvalues of Fᵀ Σ₂ F, where Σ₁ = F Fᵀ by pivoted Cholesky
 * (F = Σ₁^{1/2}Q for an orthogonal Q, so FᵀΣ₂F has the spectrum of Σ₁^{1/2}Σ₂Σ₁^{1/2}). F has only
 * rank(Σ₁) columns; eigenvalues of FᵀΣ₂F below the numerical-rank threshold are rounding noise of zeros.
 */
export function traceSqrtProduct(s1: Float64Array, s2: Float64Array, dim: number): number {
  const { rank, factorTransposed, order } = pivotedCholesky(s1, dim);
  if (rank === 0) return 0;
  // Indices in pivot order make F = L lower-trapezoidal (row k of Lᵀ is zero before column k), and
  // FᵀΣ₂F = Lᵀ Σ₂' L with Σ₂' = Σ₂ permuted alike; the products skip L's zeros (≈ ⅔dim³ multiply-adds, not 3/2·dim³).
  const lt = new Float64Array(rank * dim);
  for (let k = 0; k < rank; k++) for (let p = 0; p < dim; p++) lt[k * dim + p] = factorTransposed[k * dim + order[p]];
  const s2Pivoted = new Float64Array(dim * dim);
  for (let p = 0; p < dim; p++) for (let q = 0; q < dim; q++) s2Pivoted[p * dim + q] = s2[order[p] * dim + order[q]];
  // T = Lᵀ Σ₂' = Lᵀ Σ₂'ᵀ (Σ₂' is symmetric), then B = T L = T (Lᵀ)ᵀ, symmetric rank × rank.
  const t = multiplyByTranspose(lt, s2Pivoted, rank, dim, dim, false, 'a');
  const product = multiplyByTranspose(t, lt, rank, rank, dim, true, 'b');
  const nu = symmetricEigen(product, rank).values;
  const threshold = rankThreshold(nu);
  let total = 0;
  for (const v of nu) if (v > threshold) total += Math.sqrt(v);
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
