import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { frechetDistance } from './frechet-distance';
import { loadStatistics } from './node/statistics-file';

// Statistics and distances written by fixtures/make-scipy-reference.py: pytorch-fid's own formula
// (scipy.linalg.sqrtm on Σ1Σ2, eps retry, real part) — the reference implementation FIDs are quoted in.
const fixtures = join(__dirname, '..', 'fixtures');
const reference = JSON.parse(readFileSync(join(fixtures, 'scipy-reference.json'), 'utf8')) as { fid: Record<string, number> };

describe('frechetDistance against the reference implementation (scipy sqrtm)', () => {
  for (const [name, expected] of Object.entries(reference.fid)) {
    it(`${name}: equal to 1e-3 relative (DESIGN's bar)`, async () => {
      const a = await loadStatistics(join(fixtures, `scipy-${name}-a.npz`));
      const b = await loadStatistics(join(fixtures, `scipy-${name}-b.npz`));
      const relative = Math.abs(frechetDistance(a, b) - expected) / expected;
      expect(relative).toBeLessThan(1e-3);
    });
  }
});
