import { describe, expect, it } from 'vitest';
import { annuliClaims, type AnnuliRow } from '../experiments/annuli';
import { check, claimsSection, judge, percent, verdictOf } from './paper-claims';
import { renderSection } from './report';

describe('verdictOf', () => {
  it('is reproduced when all checks hold, partly when some do, not when none do', () => {
    expect(verdictOf([true, true])).toBe('reproduced');
    expect(verdictOf([true, false])).toBe('partly reproduced');
    expect(verdictOf([false])).toBe('not reproduced');
    expect(() => verdictOf([])).toThrow(/at least one/);
  });
});

describe('check', () => {
  it('writes its threshold from the number it tests, in the subject\'s format', () => {
    const below = check({ label: 'NODE test accuracy', value: 0.961, format: percent }, '<', 0.98);
    expect(below).toEqual({ text: 'NODE test accuracy < 98.0 %', ours: '96.1 %', values: [0.961, 0.98], holds: true });
    expect(check({ label: 'x', value: 0.98 }, '<', 0.98).holds).toBe(false);
    expect(check({ label: 'x', value: 0.98 }, '≤', 0.98).holds).toBe(true);
    expect(check({ label: 'x', value: 2 }, '>', 3).holds).toBe(false);
  });

  it('compares with another measured number by name, and fails on NaN', () => {
    const fewer = check({ label: 'ANODE NFE', value: 26 }, '<', { label: 'NODE NFE', value: 32 });
    expect([fewer.text, fewer.ours, fewer.holds]).toEqual(['ANODE NFE < NODE NFE', '26 vs 32', true]);
    expect(check({ label: 'x', value: Number.NaN }, '<', 1).holds).toBe(false);
    expect(check({ label: 'x', value: 1 }, '≥', { label: 'y', value: Number.NaN }).holds).toBe(false);
  });
});

describe('claimsSection', () => {
  it('counts verdicts and checks, one row per check with the claim and its verdict on the first', () => {
    const section = claimsSection([
      { claim: 'NODE fails', source: 'Fig 4', checks: [check({ label: 'NODE MSE', value: 0.35 }, '>', 0.1)] },
      {
        claim: 'ANODE | fewer NFE', source: 'slides',
        checks: [check({ label: 'ANODE NFE', value: 26 }, '<', 20), check({ label: 'ANODE NFE at the end', value: 30 }, '<', 20)],
      },
    ]);
    expect(section.paragraphs).toEqual(['1 of 2 claims reproduced, 0 partly, 1 not (1 of 3 checks hold).']);
    expect(section.table?.rows).toEqual([
      ['NODE fails', 'Fig 4', '**reproduced**', 'NODE MSE > 0.1', '0.35', 'yes'],
      ['ANODE | fewer NFE', 'slides', '**not reproduced**', 'ANODE NFE < 20', '26', 'no'],
      ['', '', '', 'ANODE NFE at the end < 20', '30', 'no'],
    ]);
    expect(renderSection(section)).toContain('ANODE \\| fewer NFE');
  });
});

describe('annuli claims', () => {
  const row = (model: string, testAccuracy: number, nfeStart: number, nfeEnd: number): AnnuliRow => ({
    model, parameters: 1, trainLoss: 0, trainAccuracy: testAccuracy, testAccuracy, stepsTo98: null, nfeStart, nfeEnd, nfe: nfeEnd, seconds: 0, failure: null,
  });
  // The full run's shape: every augmented model separates, none with fewer NFE; ANODE's NFE grows more than NODE's; IL-NODE below NODE.
  const claims = annuliClaims([
    row('NODE', 0.95, 26, 45), row('ANODE (p = 1)', 0.99, 26, 52), row('IL-NODE (n_z = 3)', 0.887, 26, 50),
    row('data-controlled', 0.99, 26, 60), row('N-CODE open-loop', 0.99, 26, 50), row('N-CODE closed-loop', 0.99, 26, 50),
  ]);
  const verdict = (claim: string) => judge(claims.find((c) => c.claim === claim) as (typeof claims)[number]).verdict;

  it('splits accuracy from NFE, so a claim whose every NFE check fails reads "not reproduced"', () => {
    expect(verdict('augmentation and control need fewer NFE than a plain NODE')).toBe('not reproduced');
    expect(verdict('augmentation and control separate the annuli')).toBe('partly reproduced');
  });

  it('checks ANODE\'s NFE growth on its own and IL-NODE against NODE', () => {
    expect(verdict("a NODE's NFE grows during training")).toBe('reproduced');
    expect(verdict("ANODE's NFE hardly grows during training")).toBe('not reproduced');
    expect(verdict("ANODE's NFE grows less than a NODE's")).toBe('not reproduced');
    const asGood = claims.find((c) => c.claim === 'augmentation and control do at least as well as a plain NODE');
    expect(asGood?.checks.filter((c) => !c.holds).map((c) => c.text)).toEqual(['IL-NODE (n_z = 3) test accuracy ≥ NODE test accuracy']);
  });
});
