import { describe, expect, it } from 'vitest';
import type { CommandContext } from '../runtime/bench-command';
import { computeEveryUnit } from '../runtime/unit-cache';
import { check } from '../report/paper-claims';
import { experimentCommand, resumeFlag, seeded, type Experiment } from './experiment';

const noProgress = () => ({ tick: () => {}, stop: () => {} });
const context = (quick: boolean): CommandContext => ({ options: { quick, seed: 7 }, backend: 'cpu', progress: noProgress, units: computeEveryUnit });

/** An experiment that doubles its variant's value and says so in every part of its report. */
const doubling: Experiment<{ value: number }, { value: number; seed: number }, number> = {
  name: 'doubling',
  summary: 'doubles a number',
  variants: { quick: { value: 2 }, full: { value: 50 } },
  configure: seeded,
  run: (config) => 2 * config.value,
  title: ({ result }) => `doubling to ${result}`,
  setup: ({ config, backend }) => `doubled ${config.value} with seed ${config.seed} on ${backend}`,
  notes: () => ['a caveat'],
  sections: ({ result }) => [
    { heading: 'Results', paragraphs: ['one paragraph'], table: { columns: ['doubled'], rows: [[result]] } },
    { heading: 'Images', images: [{ path: 'a.png', alt: 'an image' }] },
  ],
  claims: ({ result }) => [{ claim: 'it doubles', source: 'nowhere', checks: [check({ label: 'doubled', value: result }, '≥', 4)] }],
  plots: ({ result }) => [{ name: 'plot', title: `plot of ${result}`, spec: { data: { values: [] }, mark: 'point' } }],
  data: ({ config, result }) => ({ config, doubled: result }),
};

describe('experimentCommand', () => {
  it('runs the variant --quick asks for, with the seed, and reports it: sections, then the claims', async () => {
    const command = experimentCommand(doubling);
    expect([command.name, command.summary, command.flags]).toEqual(['doubling', 'doubles a number', [resumeFlag]]);
    const quick = await command.run(context(true));
    expect(quick.data).toEqual({
      config: { value: 2, seed: 7 }, doubled: 4,
      claims: [{ claim: 'it doubles', source: 'nowhere', checks: [{ text: 'doubled ≥ 4', ours: '4', values: [4, 4], holds: true }], verdict: 'reproduced' }],
    });
    expect(quick.report.title).toBe('doubling to 4');
    expect(quick.report.summary).toEqual(['doubled 2 with seed 7 on cpu', 'a caveat']);
    expect(quick.report.sections.map((s) => s.heading)).toEqual(['Results', 'Images', 'Paper vs ours']);
    expect(quick.plots.map((p) => p.title)).toEqual(['plot of 4']);
    expect((await command.run(context(false))).data.doubled).toBe(100);
  });

  it('prints the setup, the sections\' paragraphs and tables and the claims table, not the notes, images or the verdict count', async () => {
    const { terminal } = await experimentCommand(doubling).run(context(true));
    const parts = terminal.split('\n\n');
    expect(parts[0]).toBe('doubled 2 with seed 7 on cpu');
    expect(parts[1]).toBe('one paragraph');
    expect(parts[2]).toContain('| doubled |');
    expect(parts[3]).toContain('| it doubles');
    expect(parts).toHaveLength(4);
    expect(terminal).not.toContain('a caveat');
    expect(terminal).not.toContain('a.png');
  });

  it('has no claims section or claims data when the experiment makes no claims', async () => {
    const { claims: _claims, ...withoutClaims } = doubling;
    const result = await experimentCommand(withoutClaims).run(context(true));
    expect(result.report.sections.map((s) => s.heading)).toEqual(['Results', 'Images']);
    expect(result.data).not.toHaveProperty('claims');
  });
});
