import { describe, expect, it } from 'vitest';
import { judge, type JudgedClaim } from '../report/paper-claims';
import { inputNetworksCommand } from './input-networks';
import { runQuickWithoutLeaks } from './quick-test-context';

describe('input-networks --quick', () => {
  it('runs end to end: the three models, computed claims, two plots, nothing leaked', async () => {
    const result = await runQuickWithoutLeaks(inputNetworksCommand);
    const rows = result.data.rows as Array<{ model: string; testAccuracy: number; parameters: number }>;
    expect(rows.map((r) => r.model)).toEqual([
      'h_x (2 layers) → NODE → linear readout', 'linear readout of the frozen z(0) = h_x(x) of that model', 'h_x (2 layers) → linear readout, no ODE',
    ]);
    expect(rows.map((r) => r.parameters)).toEqual([(2 * 16 + 16 + 16 * 2 + 2) * 2 + 3, 3, 2 * 16 + 16 + 16 * 2 + 2 + 3]);
    expect(rows.every((r) => r.testAccuracy >= 0 && r.testAccuracy <= 1)).toBe(true);
    const claims = result.data.claims as JudgedClaim[];
    expect(claims).toHaveLength(3);
    expect(claims.map((c) => c.verdict)).toEqual(claims.map((c) => judge(c).verdict));
    expect(result.plots.map((p) => p.name)).toEqual(['latent-flows', 'decision-boundaries']);
  }, 300_000);
});
