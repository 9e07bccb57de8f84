import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CommittedRun } from './paper-report';

/**
 * The finished runs under `folder` (results/full-runs): every subfolder with a results.json (a run
 * still going, or killed, has none), with its report.md's title and setup paragraph; ordered as `commands` lists their
 * commands, then by folder name.
 */
export async function readCommittedRuns(folder: string, commands: readonly string[]): Promise<CommittedRun[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  const runs: CommittedRun[] = [];
  for (const entry of entries.filter((e) => e.isDirectory())) {
    const files = await readdir(join(folder, entry.name));
    if (!files.includes('results.json')) continue;
    const results = JSON.parse(await readFile(join(folder, entry.name, 'results.json'), 'utf8')) as Omit<CommittedRun, 'folder' | 'title' | 'setup'>;
    if (typeof results.run?.command !== 'string') throw new Error(`${join(folder, entry.name, 'results.json')} has no run.command: not a bench run's results`);
    const report = files.includes('report.md') ? await readFile(join(folder, entry.name, 'report.md'), 'utf8') : '';
    const title = /^# (.+)$/m.exec(report)?.[1] ?? results.run.command;
    const setup = /^# .+\n\n(.+)$/m.exec(report)?.[1] ?? '';
    runs.push({ folder: entry.name, title, setup, run: results.run, claims: results.claims });
  }
  const rank = (run: CommittedRun) => (commands.includes(run.run.command) ? commands.indexOf(run.run.command) : commands.length);
  return runs.sort((a, b) => rank(a) - rank(b) || a.folder.localeCompare(b.folder));
}
