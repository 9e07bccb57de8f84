import { Command } from 'commander';
import { writeFileAtomic } from '@tfode/ncode/node';
import { readCommittedRuns } from '../report/committed-runs';
import { paperItems } from '../report/paper-items';
import { paperReport } from '../report/paper-report';
import { benchCommands } from './command-registry';

/** `paper-report`: results/REPORT.md from the committed full runs (no backend, no training). */
export function paperReportCommand(): Command {
  return new Command('paper-report')
    .description("results/REPORT.md from the committed full runs' results.json: every item of the papers with its computed verdict")
    .option('--runs <dir>', 'the full runs, one folder each', 'results/full-runs')
    .option('--out <file>', 'where the report goes', 'results/REPORT.md')
    .action(async (options: { runs: string; out: string }) => {
      const runs = await readCommittedRuns(options.runs, benchCommands.map((c) => c.name));
      await writeFileAtomic(options.out, paperReport(paperItems, runs));
      console.log(`${options.out}: ${paperItems.length} items from ${runs.length} runs (${runs.map((r) => r.folder).join(', ')})`);
    });
}
