import { degrees, type TimeBasis } from './time-basis';
import {
  requireFiniteTime,
  requirePositiveInteger,
  requireSpan,
  toUnitInterval,
  type Span,
} from './validate';

/** p_{n+1}(x) from p_n(x) and p_{n−1}(x): the three-term recurrence of a polynomial family. */
type Recurrence = (n: number, x: number, current: number, previous: number) => number;

function recurrenceBasis(name: string, d: number, span: Span, next: Recurrence): TimeBasis {
  requirePositiveInteger(`${name} size d`, d);
  requireSpan(`${name} span`, span);
  return {
    size: d,
    frequencies: degrees(d),
    evaluate(t: number): Float32Array {
      requireFiniteTime(t);
      const x = toUnitInterval(t, span);
      const psi = new Float32Array(d);
      let previous = 1;
      let current = x;
      psi[0] = previous;
      if (d > 1) psi[1] = current;
      for (let n = 1; n + 1 < d; n++) {
        const following = next(n, x, current, previous);
        psi[n + 1] = following;
        previous = current;
        current = following;
      }
      return psi;
    },
  };
}

/**
 * Chebyshev polynomials T_0 … T_{d−1} of x = (2t − start − end)/(end − start) (NANODE §2.3.1
 * Eq 6 with a better-conditioned z). |T_n| ≤ 1 inside the span; outside it
 * they grow like |2x|^n.
 */
export function chebyshev(d: number, span: Span): TimeBasis {
  return recurrenceBasis('chebyshev', d, span, (_n, x, current, previous) => 2 * x * current - previous);
}

/** Legendre polynomials P_0 … P_{d−1} of the span mapped to [−1, 1] (orthogonal in L² there). */
export function legendre(d: number, span: Span): TimeBasis {
  return recurrenceBasis(
    'legendre',
    d,
    span,
    (n, x, current, previous) => ((2 * n + 1) * x * current - n * previous) / (n + 1),
  );
}
