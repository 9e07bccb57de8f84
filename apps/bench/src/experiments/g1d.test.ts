import { describe, expect, it } from 'vitest';
import { judge, type JudgedClaim } from '../report/paper-claims';
import { g1dCommand } from './g1d';
import { runQuickWithoutLeaks } from './quick-test-context';

describe('g1d --quick', () => {
  it('runs end to end: three fits, paths from each start, computed claims, two plots, nothing leaked', async () => {
    const result = await runQuickWithoutLeaks(g1dCommand);
    const rows = result.data.rows as Array<{ model: string; mse: number }>;
    expect(rows.map((r) => r.model)).toEqual(['NODE (1-D)', 'ANODE (p = 1)', 'ResNet']);
    // A 1-D flow's map is increasing: it cannot beat the isotonic floor.
    expect(rows[0].mse).toBeGreaterThanOrEqual(0.99 * (result.data.floor as number));
    const paths = result.data.paths as Array<{ panel: string; t: number; x: number; group: number }>;
    for (const p of paths.filter((s) => s.t === 0)) expect(p.x).toBeCloseTo(p.group, 5);
    expect(paths.filter((s) => s.panel === 'ResNet' && s.t === 0)).toHaveLength(6);
    const claims = result.data.claims as JudgedClaim[];
    expect(claims.map((c) => c.verdict)).toEqual(claims.map((c) => judge(c).verdict));
    expect(result.plots.map((p) => p.name)).toEqual(['paths', 'training']);
  }, 300_000);
});
