import { runBenchCommand } from '../runtime/run-command';
import { benchCommands } from './command-registry';
import { createProgram } from './program';

try {
  await createProgram(benchCommands, runBenchCommand).parseAsync(process.argv);
} catch (error) {
  console.error(`tfode-bench: ${(error as Error).name}: ${(error as Error).message}`);
  process.exitCode = 1;
}
