import { describe, expect, it } from 'vitest';
import { SeededRandom } from '@tfode/datasets';
import { clusteringAccuracy, hungarian } from './hungarian';

function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  return permutations(n - 1).flatMap((p) => Array.from({ length: n }, (_, i) => [...p.slice(0, i), n - 1, ...p.slice(i)]));
}

/** Smallest Σ cost[i][σ(i)] over injective σ: brute force over all permutations of the columns. */
function bruteForceMinimum(cost: number[][]): number {
  const m = cost[0].length;
  let best = Infinity;
  for (const p of permutations(m)) best = Math.min(best, cost.reduce((s, row, i) => s + row[p[i]], 0));
  return best;
}

describe('hungarian', () => {
  it('finds the minimum-cost assignment of random matrices, as brute force does (square and n < m)', () => {
    const random = new SeededRandom(7);
    for (let trial = 0; trial < 60; trial++) {
      const n = 1 + (trial % 6);
      const m = n + (trial % 3 === 0 ? 1 : 0);
      const cost = Array.from({ length: n }, () => Array.from({ length: m }, () => Math.round(random.uniform() * 20 - 5)));
      const assignment = hungarian(cost);
      expect(new Set(assignment).size).toBe(n);
      expect(assignment.every((j) => j >= 0 && j < m)).toBe(true);
      expect(assignment.reduce((s, j, i) => s + cost[i][j], 0)).toBe(bruteForceMinimum(cost));
    }
  });

  it('rejects ragged, non-finite or tall matrices', () => {
    expect(() => hungarian([[1, 2], [3]])).toThrow(/rectangular/);
    expect(() => hungarian([[1, NaN]])).toThrow(/finite/);
    expect(() => hungarian([[1], [2]])).toThrow(/transpose/);
  });
});

describe('clusteringAccuracy', () => {
  it('is 1 for a relabelled perfect clustering and counts the best one-to-one matching otherwise', () => {
    const labels = [0, 0, 1, 1, 2, 2];
    expect(clusteringAccuracy([2, 2, 0, 0, 1, 1], labels).accuracy).toBe(1);
    // Clusters: {0,0,1} → 0, {1,2} → … best matching 0↔0 (2 hits), 1↔2 (1 hit), 2↔1 (1 hit) = 4/6.
    const { accuracy, mapping } = clusteringAccuracy([0, 0, 0, 1, 1, 2], labels);
    expect(accuracy).toBeCloseTo(4 / 6, 12);
    expect(mapping[0]).toBe(0);
  });
});
