import type { BenchCommand } from './bench-command';
import { annuliCommand } from './commands/annuli';
import { autoencodeCommand } from './commands/autoencode';
import { classifyCommand } from './commands/classify';
import { clusterCommand } from './commands/cluster';
import { demoCommand } from './commands/demo';
import { memorizationCommand } from './commands/memorization';
import { nanodeOrderCommand } from './commands/nanode-order';
import { profileCommand } from './commands/profile';
import { reflectionCommand } from './commands/reflection';
import { solversCommand } from './commands/solvers';
import { trackingCommand } from './commands/tracking';
import { trainStepCommand } from './commands/train-step';

/** Every command of the CLI, in the order `--help` lists them. A new experiment is one file under commands/ and one line here. */
export const benchCommands: readonly BenchCommand[] = [demoCommand, solversCommand, trainStepCommand, profileCommand, reflectionCommand, annuliCommand,
  nanodeOrderCommand, trackingCommand, memorizationCommand,
  classifyCommand, autoencodeCommand, clusterCommand];
