import { describe, expect, it } from 'vitest';
import { judge, type JudgedClaim } from '../report/paper-claims';
import { depthVarianceCommand, type DepthVarianceRow } from './depth-variance';
import { runQuickWithoutLeaks } from './quick-test-context';

describe('depth-variance --quick', () => {
  it('runs end to end: both variants, θ(s) curves, computed claims, two plots, nothing leaked', async () => {
    const result = await runQuickWithoutLeaks(depthVarianceCommand);
    const rows = result.data.rows as DepthVarianceRow[];
    expect(rows.map((r) => r.model)).toEqual(['Galërkin (Fourier)', 'stacked (buckets)']);
    // Five buckets: five values of θ(s) over the sampled depths; a Fourier series of period 1: a new one at each depth (θ(1) equals θ(0) up to rounding).
    expect(rows[1].distinctThetas).toBe(5);
    expect(rows[0].distinctThetas).toBeGreaterThanOrEqual(100);
    const curves = result.data.thetaCurves as Array<{ panel: string; series: string }>;
    expect(new Set(curves.filter((c) => c.panel === 'stacked (buckets)').map((c) => c.series)).size).toBe(8);
    const claims = result.data.claims as JudgedClaim[];
    expect(claims.map((c) => c.verdict)).toEqual(claims.map((c) => judge(c).verdict));
    expect(result.plots.map((p) => p.name)).toEqual(['depth-flows', 'parameters']);
  }, 300_000);
});
