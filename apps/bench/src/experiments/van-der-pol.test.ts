import { describe, expect, it } from 'vitest';
import { judge, type JudgedClaim } from '../report/paper-claims';
import { vanDerPolCommand } from './van-der-pol';
import { runQuickWithoutLeaks } from './quick-test-context';

describe('van-der-pol --quick', () => {
  it('runs end to end: three fits, a report with computed claims, two plots, nothing leaked', async () => {
    const result = await runQuickWithoutLeaks(vanDerPolCommand);
    const rows = result.data.rows as Array<{ model: string; mse: number; learnedMu: number | null }>;
    expect(rows.map((r) => r.model)).toEqual(['NODE (1-D, constant θ)', 'ANODE (p = 1)', 'planar system, dynamic control θ = ẋ, learned μ']);
    expect(rows.every((r) => Number.isFinite(r.mse))).toBe(true);
    // No 1-D autonomous flow beats the best monotone x(t).
    expect(rows[0].mse).toBeGreaterThanOrEqual(0.99 * (result.data.floor as number));
    const claims = result.data.claims as JudgedClaim[];
    expect(claims.map((c) => c.verdict)).toEqual(claims.map((c) => judge(c).verdict));
    expect(claims.map((c) => c.source)).toContain('N-CODE Fig 3 (red)');
    expect(result.report.sections.map((s) => s.heading)).toEqual(['Results', 'Paper vs ours']);
    expect(result.plots.map((p) => p.name)).toEqual(['fits', 'training']);
  }, 300_000);
});
