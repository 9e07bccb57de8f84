import type { BenchCommand } from '../runtime/bench-command';
import { annuliCommand } from '../experiments/annuli';
import { autoencodeCommand } from '../experiments/autoencode';
import { classifyCommand } from '../experiments/classify';
import { clusterCommand } from '../experiments/cluster';
import { demoCommand } from '../commands/demo';
import { memorizationCommand } from '../experiments/memorization';
import { nanodeOrderCommand } from '../experiments/nanode-order';
import { profileCommand } from '../commands/profile';
import { reflectionCommand } from '../experiments/reflection';
import { solversCommand } from '../commands/solvers';
import { trackingCommand } from '../experiments/tracking';
import { trainStepCommand } from '../commands/train-step';

/** Every command of the CLI, in the order `--help` lists them. A new experiment is one file under commands/ and one line here. */
export const benchCommands: readonly BenchCommand[] = [demoCommand, solversCommand, trainStepCommand, profileCommand, reflectionCommand, annuliCommand,
  nanodeOrderCommand, trackingCommand, memorizationCommand,
  classifyCommand, autoencodeCommand, clusterCommand];
