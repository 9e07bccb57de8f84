import { describe, expect, it } from 'vitest';
import { judge, type JudgedClaim } from '../report/paper-claims';
import { nanodeMemoryCommand, type MemoryRow } from './nanode-memory';
import { runQuickWithoutLeaks } from './quick-test-context';

describe('nanode-memory --quick', () => {
  it('runs end to end: every depth × gradient mode, NFE = 4 L forward, computed claims, a plot, nothing leaked', async () => {
    const result = await runQuickWithoutLeaks(nanodeMemoryCommand);
    const rows = result.data.rows as MemoryRow[];
    expect(rows.map((r) => `${r.gradient} ${r.depth}`)).toEqual(
      [8, 16, 32].flatMap((depth) => ['backprop', 'checkpoint', 'adjoint'].map((g) => `${g} ${depth}`)),
    );
    for (const r of rows) {
      expect(r.nfe).toBe(4 * r.depth); // rk4: four stages per step
      expect(r.activationBytes).toBeGreaterThan(0);
    }
    const claims = result.data.claims as JudgedClaim[];
    expect(claims.map((c) => c.verdict)).toEqual(claims.map((c) => judge(c).verdict));
    expect(result.plots.map((p) => p.name)).toEqual(['memory-vs-depth']);
  }, 300_000);
});
