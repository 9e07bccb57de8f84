import type { TimeBasis } from './time-basis';
import { requireFiniteTime, requirePositiveInteger, requireSpan, type Span } from './validate';

/**
 * Trigonometric polynomial basis of NANODE §2.3.1 Eq 8 (T-NANODE):
 * ψ(t) = [1, cos(ωt'), …, cos(order·ωt'), sin(ωt'), …, sin(order·ωt')], size 2·order + 1, so the
 * coefficients read α = [a_0, a_1…a_order, b_1…b_order] as in the paper.
 * Without `span`, t' = t and ω = 1 (the paper's cos(nt)). With `span` = [start, end], t' = t − start
 * and ω = 2π/(end − start): the span is one period, the Galërkin Fourier series on the depth domain.
 */
export function fourier(order: number, span?: Span): TimeBasis {
  requirePositiveInteger('fourier order', order);
  if (span !== undefined) requireSpan('fourier span', span);
  const origin = span === undefined ? 0 : span[0];
  const omega = span === undefined ? 1 : (2 * Math.PI) / (span[1] - span[0]);
  const frequencies = new Float32Array(2 * order + 1);
  for (let n = 1; n <= order; n++) {
    frequencies[n] = n * omega;
    frequencies[order + n] = n * omega;
  }
  return {
    size: 2 * order + 1,
    frequencies,
    evaluate(t: number): Float32Array {
      requireFiniteTime(t);
      const phase = omega * (t - origin);
      const psi = new Float32Array(2 * order + 1);
      psi[0] = 1;
      for (let n = 1; n <= order; n++) {
        psi[n] = Math.cos(n * phase);
        psi[order + n] = Math.sin(n * phase);
      }
      return psi;
    },
  };
}
