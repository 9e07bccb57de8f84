import { degrees, type TimeBasis } from './time-basis';
import { requireFiniteTime, requirePositiveInteger } from './validate';

/** ψ_n(t) = t^n for n = 0, …, d − 1 (Poly-NANODE). Ill-conditioned for large d; see chebyshev. */
export function monomial(d: number): TimeBasis {
  requirePositiveInteger('monomial size d', d);
  return {
    size: d,
    frequencies: degrees(d),
    evaluate(t: number): Float32Array {
      requireFiniteTime(t);
      const psi = new Float32Array(d);
      let power = 1;
      for (let n = 0; n < d; n++) {
        psi[n] = power; // NANODE §2.3.1 Eq 7: W_t = Σ α_n t^n
        power *= t;
      }
      return psi;
    },
  };
}
