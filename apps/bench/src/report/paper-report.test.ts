import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { benchCommands } from '../cli/command-registry';
import { readCommittedRuns } from './committed-runs';
import type { JudgedClaim } from './paper-claims';
import { paperItems, type PaperItem } from './paper-items';
import { cites, itemVerdict, paperReport, reproduceCommand, type CommittedRun } from './paper-report';

const results = join(__dirname, '../../../../results');

const claim = (source: string, verdict: JudgedClaim['verdict']): JudgedClaim => ({ claim: `${source} ${verdict}`, source, checks: [], verdict });

function committedRun(folder: string, claims: JudgedClaim[], args: Record<string, unknown> = {}): CommittedRun {
  return {
    folder, title: folder, setup: '', claims,
    run: {
      command: folder, options: { quick: false, seed: 0, backend: 'wasm', args }, backend: 'wasm', tfjsVersion: '4.22.0', node: 'v20.20.2',
      cpu: { model: 'AMD EPYC', count: 2 }, startedAt: '2026-12-02T04:00:00.000Z', durationSeconds: 100,
    },
  };
}

describe('paper-report: verdicts of the papers\' items from the claims that cite them', () => {
  it('a source cites an item by one of its parts, exactly or followed by detail, never by a longer number', () => {
    expect(cites('N-CODE Fig 4 left; ANODE slides g_1d', 'N-CODE Fig 4')).toBe(true);
    expect(cites('N-CODE Fig 4 left; ANODE slides g_1d', 'ANODE slides g_1d')).toBe(true);
    expect(cites('N-CODE Fig A.10, tSNE', 'N-CODE Fig A.1')).toBe(false);
    expect(cites('N-CODE Fig A.1(b)', 'N-CODE Fig A.1')).toBe(true);
    expect(cites('Dissecting Table 1', 'N-CODE Table 1')).toBe(false);
  });

  it('all claims reproduced → reproduced; none → not; a mix → partly; no run → no full run yet; no experiment → not attempted', () => {
    const item = (name: string, experiments = ['x']): PaperItem => ({ item: name, what: '', experiments, ...(experiments.length === 0 ? { notAttempted: 'why' } : {}) });
    const runs = [
      committedRun('a', [claim('P Fig 1', 'reproduced'), claim('P Fig 2 left', 'not reproduced'), claim('P Fig 3', 'reproduced')]),
      committedRun('b', [claim('P Fig 1 right; P Fig 2', 'reproduced'), claim('P Fig 3', 'partly reproduced')]),
    ];
    expect(itemVerdict(item('P Fig 1'), runs)).toBe('reproduced');
    expect(itemVerdict(item('P Fig 2'), runs)).toBe('partly reproduced');
    expect(itemVerdict(item('P Fig 3'), runs)).toBe('partly reproduced');
    expect(itemVerdict(item('P Fig 4'), runs)).toBe('no full run yet');
    expect(itemVerdict(item('P Fig 5', []), runs)).toBe('not attempted');
    expect(itemVerdict(item('P Fig 2'), [committedRun('c', [claim('P Fig 2', 'not reproduced')])])).toBe('not reproduced');
  });

  it('the reproduce command gives every flag of the run but --resume, into the committed folder', () => {
    const run = committedRun('classify-lr', [], { dataset: 'mnist', resume: true, models: 'N-CODE open', learningRates: '0.001,0.0003' });
    expect(reproduceCommand({ ...run, run: { ...run.run, command: 'classify' } })).toBe(
      'node apps/bench/dist/cli.js classify --backend wasm --dataset mnist --models "N-CODE open" --learning-rates 0.001,0.0003 --out results/full-runs/classify-lr',
    );
  });
});

describe('results/REPORT.md and the committed full runs', () => {
  it('REPORT.md is exactly what paper-report makes of the committed results (regenerate it with `npm run bench -- paper-report`)', async () => {
    const runs = await readCommittedRuns(join(results, 'full-runs'), benchCommands.map((c) => c.name));
    expect(readFileSync(join(results, 'REPORT.md'), 'utf8')).toBe(paperReport(paperItems, runs));
  });

  it('every committed claim cites an item of the papers, and every item of a committed experiment is cited by one of its claims', async () => {
    const runs = await readCommittedRuns(join(results, 'full-runs'), benchCommands.map((c) => c.name));
    const uncited = runs.flatMap((r) => (r.claims ?? []).filter((c) => !paperItems.some((item) => cites(c.source, item.item))).map((c) => `${r.folder}: ${c.source}`));
    expect(uncited).toEqual([]);
    const ran = new Set(runs.map((r) => r.run.command));
    const silent = paperItems.filter((item) => item.experiments.some((e) => ran.has(e)) && itemVerdict(item, runs) === 'no full run yet').map((item) => item.item);
    expect(silent).toEqual([]);
  });
});
