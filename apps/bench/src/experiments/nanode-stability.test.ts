import { describe, expect, it } from 'vitest';
import { judge, type JudgedClaim } from '../report/paper-claims';
import { nanodeStabilityCommand, spectralNorm, type StabilityRow } from './nanode-stability';
import { runQuickWithoutLeaks } from './quick-test-context';

describe('spectralNorm', () => {
  it('is the largest singular value', () => {
    expect(spectralNorm([[3, 0], [0, -5]])).toBeCloseTo(5, 8);
    expect(spectralNorm([[0, 1], [-1, 0]])).toBeCloseTo(1, 8); // a rotation
    expect(spectralNorm([[1, 1], [1, 1]])).toBeCloseTo(2, 8);
  });
});

describe('nanode-stability --quick', () => {
  it('runs end to end: both variants, an orthogonal W(t) of norm 1, computed claims, a plot, nothing leaked', async () => {
    const result = await runQuickWithoutLeaks(nanodeStabilityCommand);
    const rows = result.data.rows as StabilityRow[];
    expect(rows.map((r) => r.model)).toEqual(['Chebyshev-4, unconstrained W(t)', 'Chebyshev-4, orthogonal W(t) (Householder)']);
    expect(rows[1].maxNorm).toBeCloseTo(1, 4);
    const claims = result.data.claims as JudgedClaim[];
    expect(claims.map((c) => c.verdict)).toEqual(claims.map((c) => judge(c).verdict));
    expect(result.plots.map((p) => p.name)).toEqual(['learning-curves']);
  }, 300_000);
});
