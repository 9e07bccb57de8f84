import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { judge, type PaperClaim } from '../report/paper-claims';
import { autoencodeClaims, classifyClaims, clusterClaims } from './image-claims';

/** A committed full run's results.json; JSON wrote the NaN of a stopped model as null. */
function fullRun(name: string) {
  const text = readFileSync(join(__dirname, '../../../../results/full-runs', name, 'results.json'), 'utf8');
  return JSON.parse(text, (_key, value) => (value === null ? Number.NaN : value));
}

const verdicts = (claims: PaperClaim[]) => Object.fromEntries(claims.map((c) => [c.claim, judge(c).verdict]));

describe('the image experiments\' claims, computed from the committed full runs', () => {
  it('autoencode: AutoN-CODE (fixed x(0)) beats the AE at GMM 10 (11.07 vs 11.88) but not at GMM 100 (6.45 vs 5.84), and the VAE\'s prior; more GMM components help every model', () => {
    const claims = autoencodeClaims(fullRun('autoencode'), 'domain FID');
    expect(verdicts(claims)).toEqual({
      "AutoN-CODE samples are better than the AE's at the same GMM size": 'partly reproduced',
      "AutoN-CODE samples (GMM) are better than the VAE's (prior)": 'reproduced',
      'a GMM with more components gives better samples': 'reproduced',
    });
    expect(claims[0].checks.map((c) => c.ours)).toEqual(['11.07 vs 11.88', '6.454 vs 5.84']);
    expect(claims[2].checks[0].text).toBe('domain FID of AE, GMM 100 < domain FID of AE, GMM 10');
  });

  it('classify: every flow above the flow-free baseline and open-loop N-CODE above the rest, by under one standard error; no augmented model saves NFE (20 each)', () => {
    const rows = fullRun('classify').results;
    const claims = classifyClaims(rows);
    expect(verdicts(claims)).toEqual({
      'augmented NODEs are more accurate than a plain NODE': 'reproduced',
      'augmented NODEs need fewer NFE than a plain NODE': 'not reproduced',
      'a data-controlled NODE is more accurate than a plain NODE': 'reproduced',
      'each flow is more accurate than its readout alone on the input (the flow-free baseline: the flow does work)': 'reproduced',
      'open-loop N-CODE is more accurate than NODE, ANODE and data control': 'reproduced',
    });
    const flows = rows.filter((r: { filters: number }) => r.filters > 0).map((r: { parameters: number }) => r.parameters);
    expect(Math.max(...flows) / Math.min(...flows)).toBeLessThan(1.1); // parameter counts matched within 10 % (Dissecting Table 1)
    expect(rows.every((r: { seeds: unknown[] }) => r.seeds.length === 3)).toBe(true);
  });

  it('cluster: AutoN-CODE below the AE', () => {
    const [claim] = clusterClaims(fullRun('cluster').results);
    expect([claim.checks[0].ours, judge(claim).verdict]).toEqual(['57.0 % vs 65.3 %', 'not reproduced']);
  });
});
