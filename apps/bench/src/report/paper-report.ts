import { claimsTable, type JudgedClaim, type Verdict } from './paper-claims';
import type { PaperItem } from './paper-items';
import { markdownTable, type Table } from './report';

/** What the report reads of a committed run's results.json (and the title of its report.md). */
export interface CommittedRun {
  /** The run's folder under results/full-runs (the reproduce command writes there). */
  folder: string;
  /** The first heading of its report.md. */
  title: string;
  /** Its report.md's first paragraph: what was run. */
  setup: string;
  run: {
    command: string;
    options: { quick: boolean; seed: number; backend?: string; args?: Record<string, unknown> };
    backend: string;
    tfjsVersion: string;
    node: string;
    cpu: { model: string; count: number };
    startedAt: string;
    durationSeconds: number;
  };
  /** Absent for a command that checks no claim. */
  claims?: JudgedClaim[];
}

/** An item's verdict: from the claims that cite it, or why there is none. */
export type ItemVerdict = Verdict | 'not attempted' | 'no full run yet';

/** Whether a claim's source cites `item`: one of its '; '-separated parts is the item, or starts with it and a space, ',' or '('. */
export function cites(source: string, item: string): boolean {
  return source.split(';').some((part) => {
    const p = part.trim();
    return p === item || (p.startsWith(item) && [' ', ',', '('].includes(p[item.length]));
  });
}

/** The claims of `runs` that cite `item`, each with the run it came from. */
export function claimsCiting(item: string, runs: readonly CommittedRun[]): Array<{ run: CommittedRun; claim: JudgedClaim }> {
  return runs.flatMap((run) => (run.claims ?? []).filter((claim) => cites(claim.source, item)).map((claim) => ({ run, claim })));
}

/** Every claim reproduced → reproduced; every claim not → not; otherwise partly. */
export function itemVerdict(item: PaperItem, runs: readonly CommittedRun[]): ItemVerdict {
  if (item.experiments.length === 0) return 'not attempted';
  const verdicts = claimsCiting(item.item, runs).map(({ claim }) => claim.verdict);
  if (verdicts.length === 0) return 'no full run yet';
  if (verdicts.every((v) => v === 'reproduced')) return 'reproduced';
  return verdicts.every((v) => v === 'not reproduced') ? 'not reproduced' : 'partly reproduced';
}

const kebab = (name: string) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** The command line that makes the run again, into its committed folder (`--resume` is never part of it). */
export function reproduceCommand(run: CommittedRun): string {
  const { command, options } = run.run;
  const flags = Object.entries(options.args ?? {}).flatMap(([name, value]) => {
    if (name === 'resume' || value === undefined || value === false) return [];
    return value === true ? [`--${kebab(name)}`] : [`--${kebab(name)} ${/^[\w.,/-]+$/.test(String(value)) ? String(value) : JSON.stringify(String(value))}`];
  });
  return [
    'node apps/bench/dist/cli.js', command, ...(options.quick ? ['--quick'] : []), `--backend ${run.run.backend}`,
    ...(options.seed !== 0 ? [`--seed ${options.seed}`] : []), ...flags, `--out results/full-runs/${run.folder}`,
  ].join(' ');
}

const minutes = (seconds: number) => (seconds < 90 ? `${seconds.toFixed(0)} s` : `${(seconds / 60).toFixed(0)} min`);

function coverageTable(items: readonly PaperItem[], runs: readonly CommittedRun[]): Table {
  return {
    columns: ['item', 'what', 'verdict', 'claims', 'runs'],
    rows: items.map((item) => {
      const verdict = itemVerdict(item, runs);
      const citing = claimsCiting(item.item, runs);
      const held = citing.filter(({ claim }) => claim.verdict === 'reproduced').length;
      const folders = [...new Set(citing.map(({ run }) => run.folder))];
      return [
        item.item, item.what, `**${verdict}**`,
        verdict === 'not attempted' ? item.notAttempted ?? '' : citing.length > 0 ? `${held} of ${citing.length} reproduced` : '',
        folders.length > 0 ? folders.map((f) => `[${f}](#${f})`).join(', ') : item.experiments.join(', '),
      ];
    }),
  };
}

function countSentence(items: readonly PaperItem[], runs: readonly CommittedRun[]): string {
  const verdicts = items.map((item) => itemVerdict(item, runs));
  const order: ItemVerdict[] = ['reproduced', 'partly reproduced', 'not reproduced', 'no full run yet', 'not attempted'];
  return `${items.length} items: ${order.map((v) => `${verdicts.filter((x) => x === v).length} ${v}`).join(', ')}.`;
}

function runsTable(runs: readonly CommittedRun[]): Table {
  return {
    columns: ['run', 'reproduce with', 'took (last invocation)', 'started'],
    rows: runs.map((r) => [`[${r.folder}](full-runs/${r.folder}/report.md)`, `\`${reproduceCommand(r)}\``, minutes(r.run.durationSeconds), r.run.startedAt.slice(0, 10)]),
  };
}

function reasons(items: readonly PaperItem[], runs: readonly CommittedRun[]): string[] {
  return items.flatMap((item) => {
    const verdict = itemVerdict(item, runs);
    if (verdict !== 'not reproduced' && verdict !== 'partly reproduced') return [];
    const failed = claimsCiting(item.item, runs).filter(({ claim }) => claim.verdict !== 'reproduced').map(({ claim }) => `"${claim.claim}"`);
    return [`- **${item.item}** (${verdict}; ${failed.join(', ')}): ${item.ifNotReproduced ?? 'no reason stated yet.'}`];
  });
}

/**
 * results/REPORT.md: every item of the papers with the verdict its committed claims give (or why it
 * was not attempted), the runs and how to make each again, the most likely reason behind each item not
 * reproduced, and every run's claims with their checks. Nothing in it is written by hand but the items.
 */
export function paperReport(items: readonly PaperItem[], runs: readonly CommittedRun[]): string {
  const notReproduced = reasons(items, runs);
  const machines = [...new Set(runs.map((r) => `${r.run.cpu.count}× ${r.run.cpu.model}, Node ${r.run.node.replace(/^v/, '')}, tfjs ${r.run.tfjsVersion}, ${r.run.backend}`))];
  const sections = [
    '# The papers\' experiments: full runs against the papers',
    'Generated by `npm run bench -- paper-report` (`node apps/bench/dist/cli.js paper-report`) from the committed ' +
      '`results/full-runs/*/results.json`: do not edit by hand. A verdict is computed from the checks of the claims that cite the item ' +
      '(every claim reproduced: reproduced; none: not reproduced; otherwise partly); each claim\'s checks, with their thresholds, are in its run\'s section below. ' +
      `Runs made on: ${machines.join('; ')}. These are short runs on a 2-core machine: compare models with each other, not with the papers' absolute numbers.`,
    '## Every experiment, table and figure',
    countSentence(items, runs),
    markdownTable(coverageTable(items, runs)),
    '## Not reproduced: the most likely reasons that remain',
    notReproduced.length > 0 ? notReproduced.join('\n') : 'Every attempted item reproduced.',
    '## The runs',
    markdownTable(runsTable(runs)),
    ...runs.flatMap((r) => [
      `### ${r.folder}`,
      `**${r.title}.** ${r.setup} Full report, plots and numbers: [full-runs/${r.folder}/](full-runs/${r.folder}/report.md).`,
      ...(r.claims && r.claims.length > 0 ? [markdownTable(claimsTable(r.claims))] : ['It checks no claim.']),
    ]),
  ];
  return `${sections.join('\n\n')}\n`;
}
