import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { judge, type JudgedClaim } from '../report/paper-claims';
import { g1dCommand } from './g1d';
import { quickTestContext } from './quick-test-context';

const context = quickTestContext;

describe('g1d --quick', () => {
  it('runs end to end: three fits, paths from each start, computed claims, two plots, nothing leaked', async () => {
    const before = tf.memory().numTensors;
    const result = await g1dCommand.run(context);
    expect(tf.memory().numTensors).toBe(before);
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
