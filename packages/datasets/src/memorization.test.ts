import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from './errors';
import { memorizationEpisodes } from './memorization';

describe('memorizationEpisodes', () => {
  const m = 5;
  const n = 100;
  const data = memorizationEpisodes({ numEpisodes: 50, numPatterns: m, patternLength: n, degradation: 0.7, seed: 8 });
  const segments = 2 * m + 1;

  it('shows each of the m {−1, 1} patterns exactly twice, then the query', () => {
    expect(data.xShape).toEqual([segments, n]);
    expect(data.yShape).toEqual([n]);
    for (const bit of data.patterns) expect(Math.abs(bit)).toBe(1);
    for (let e = 0; e < data.size; e++) {
      const order = Array.from(data.presentationOrder.subarray(e * 2 * m, (e + 1) * 2 * m));
      for (let p = 0; p < m; p++) expect(order.filter((q) => q === p)).toHaveLength(2);
      order.forEach((p, j) => {
        const shown = data.x.subarray((e * segments + j) * n, (e * segments + j + 1) * n);
        expect(shown).toEqual(data.patterns.subarray((e * m + p) * n, (e * m + p + 1) * n));
      });
    }
  });

  it('zeroes exactly round(0.7 n) bits of the query and keeps the rest equal to the target pattern', () => {
    for (let e = 0; e < data.size; e++) {
      const query = data.x.subarray((e * segments + 2 * m) * n, (e * segments + segments) * n);
      const target = data.y.subarray(e * n, (e + 1) * n);
      const q = data.queryPattern[e];
      expect(target).toEqual(data.patterns.subarray((e * m + q) * n, (e * m + q + 1) * n));
      expect(query.filter((b) => b === 0)).toHaveLength(70);
      query.forEach((b, i) => b !== 0 && expect(b).toBe(target[i]));
    }
  });

  it('orders the episodes in time: 0.5 per presentation, then the query', () => {
    expect(Array.from(data.segmentTimes)).toEqual([...Array.from({ length: 2 * m + 1 }, (_, j) => 0.5 * j), 0.5 * 2 * m + 0.5]);
    expect(data.segmentAt(0)).toBe(0);
    expect(data.segmentAt(0.74)).toBe(1);
    expect(data.segmentAt(5.2)).toBe(2 * m);
  });

  it('is reproducible by seed and rejects a bad degradation', () => {
    const again = memorizationEpisodes({ numEpisodes: 50, numPatterns: m, patternLength: n, degradation: 0.7, seed: 8 });
    expect(again.x).toEqual(data.x);
    expect(() => memorizationEpisodes({ numEpisodes: 1, degradation: 1.5 })).toThrow(InvalidArgumentError);
  });
});
