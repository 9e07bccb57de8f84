import { describe, expect, it } from 'vitest';
import { formatNumber, markdownTable, renderReport } from './report';

describe('formatNumber', () => {
  it.each([
    [1000, '1000'],
    [0, '0'],
    [0.04853123, '0.04853'],
    [1.5e-4, '1.50e-4'],
    [123456.7, '1.23e+5'],
    [Number.NaN, '–'],
    [Number.POSITIVE_INFINITY, '∞'],
    [-2.5, '-2.5'],
  ])('%s → %s', (value, text) => expect(formatNumber(value)).toBe(text));
});

describe('markdownTable', () => {
  it('pads columns, right-aligns numeric columns and formats numbers', () => {
    const table = markdownTable({ columns: ['method', 'NFE', 'error'], rows: [['rk4', 400, 7.09e-6], ['dopri5', 80, 0.5]] });
    expect(table.split('\n')).toEqual([
      '| method | NFE |   error |',
      '| ------ | --: | ------: |',
      '| rk4    | 400 | 7.09e-6 |',
      '| dopri5 |  80 |     0.5 |',
    ]);
  });

  it('escapes pipes and line breaks inside cells', () => {
    expect(markdownTable({ columns: ['a'], rows: [['x|y\nz']] })).toContain('x\\|y z');
  });

  it('rejects a row of the wrong length, saying which', () => {
    expect(() => markdownTable({ columns: ['a', 'b'], rows: [['1', '2'], ['3']] })).toThrow(/row 1 has 1 cells but there are 2 columns/);
  });
});

describe('renderReport', () => {
  it('writes the title, summary, then each section with its paragraphs, table and images', () => {
    const markdown = renderReport({
      title: 'T',
      summary: ['what ran'],
      sections: [
        { heading: 'A', paragraphs: ['p1'], table: { columns: ['x'], rows: [[1]] } },
        { heading: 'Plots', images: [{ path: 'e.png', alt: 'errors' }] },
      ],
    });
    expect(markdown).toBe('# T\n\nwhat ran\n\n## A\n\np1\n\n|   x |\n| --: |\n|   1 |\n\n## Plots\n\n![errors](e.png)\n');
  });
});
