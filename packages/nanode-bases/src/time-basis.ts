import { InvalidArgumentError } from './errors';

/**
 * A finite family of scalar functions of time ψ(t) = (ψ_1(t), …, ψ_size(t)), evaluated on the host:
 * solvers keep t as a JS number, so ψ(t) costs a few flops and one small upload, never a kernel.
 */
export interface TimeBasis {
  readonly size: number;
  /** ψ(t) as a fresh array of length `size` (callers may hand it to tfjs, which keeps it). */
  evaluate(t: number): Float32Array;
  /**
   * How rough each component is, for frequency-weighted penalties (NANODE
   * §2.3.1): angular frequency in radians per unit of t for Fourier and random
   * features, degree for polynomials. Absent where it has no meaning (buckets).
   */
  readonly frequencies?: Float32Array;
}

/** ψ(t) from `basis`, checked to be `size` finite numbers, so a bad custom basis fails loudly. */
export function evaluateChecked(basis: TimeBasis, t: number): Float32Array {
  const psi = basis.evaluate(t);
  if (psi.length !== basis.size) {
    throw new InvalidArgumentError(
      `basis.evaluate(${t}) returned ${psi.length} values but basis.size is ${basis.size}`,
    );
  }
  for (let k = 0; k < psi.length; k++) {
    if (!Number.isFinite(psi[k])) {
      throw new InvalidArgumentError(
        `basis.evaluate(${t}) component ${k} is ${psi[k]}; check t and the basis span`,
      );
    }
  }
  return psi;
}

/** 0, 1, …, d − 1: the degree of each component of a polynomial basis. */
export function degrees(d: number): Float32Array {
  return Float32Array.from({ length: d }, (_, n) => n);
}
