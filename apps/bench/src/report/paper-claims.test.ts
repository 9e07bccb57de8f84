import { describe, expect, it } from 'vitest';
import { claimsSection, verdictOf } from './paper-claims';
import { renderSection } from './report';

describe('verdictOf', () => {
  it('is reproduced when all checks hold, partly when some do, not when none do', () => {
    expect(verdictOf([true, true])).toBe('reproduced');
    expect(verdictOf([true, false])).toBe('partly reproduced');
    expect(verdictOf([false])).toBe('not reproduced');
    expect(() => verdictOf([])).toThrow(/at least one/);
  });
});

describe('claimsSection', () => {
  it('counts the verdicts and puts each claim beside our numbers', () => {
    const section = claimsSection([
      { claim: 'NODE fails', source: 'Fig 4', ours: 'MSE 0.35', verdict: 'reproduced' },
      { claim: 'ANODE | fewer NFE', source: 'slides', ours: 'NFE 26 vs 32', verdict: 'not reproduced' },
    ]);
    expect(section.paragraphs).toEqual(['1 of 2 claims reproduced, 0 partly, 1 not.']);
    const markdown = renderSection(section);
    expect(markdown).toContain('| NODE fails');
    expect(markdown).toContain('**not reproduced**');
    expect(markdown).toContain('ANODE \\| fewer NFE');
  });
});
