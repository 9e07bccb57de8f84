import type { TimeBasis } from './time-basis';
import { requireFiniteTime, requirePositiveInteger, requireSpan, type Span } from './validate';

/**
 * Piecewise-constant one-hot basis over `d` equal buckets of `span` (B-NANODE in
 * NANODE §2.3.1; stacked Neural ODE, Dissecting §3 Cor 2).
 *
 * Bucket k owns [s_k, s_{k+1}) with s_k = start + k·(end − start)/d: a boundary belongs to the
 * bucket that starts there, so a forward step that begins on a boundary sees the parameters of the
 * interval it integrates through. The last bucket also owns `end`. Times before `start` use
 * bucket 0 and times after `end` the last bucket (solvers may evaluate slightly past the last
 * output time).
 */
export function bucket(d: number, span: Span): TimeBasis {
  requirePositiveInteger('bucket count d', d);
  requireSpan('bucket span', span);
  const [start, end] = span;
  const width = (end - start) / d;
  return {
    size: d,
    evaluate(t: number): Float32Array {
      requireFiniteTime(t);
      const index = Math.min(d - 1, Math.max(0, Math.floor((t - start) / width)));
      const psi = new Float32Array(d);
      psi[index] = 1;
      return psi;
    },
  };
}
