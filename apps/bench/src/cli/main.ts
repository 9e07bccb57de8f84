import { runBenchCommand } from '../runtime/run-command';
import { benchCommands } from './command-registry';
import { paperReportCommand } from './paper-report-command';
import { createProgram } from './program';

try {
  await createProgram(benchCommands, runBenchCommand).addCommand(paperReportCommand()).parseAsync(process.argv);
} catch (error) {
  console.error(`tfode-bench: ${(error as Error).name}: ${(error as Error).message}`);
  process.exitCode = 1;
}
