import { demoCommand } from '../commands/demo';
import { profileCommand } from '../commands/profile';
import { solversCommand } from '../commands/solvers';
import { trainStepCommand } from '../commands/train-step';
import { annuliCommand } from '../experiments/annuli';
import { autoencodeCommand } from '../experiments/autoencode';
import { classifyCommand } from '../experiments/classify';
import { inputNetworksCommand } from '../experiments/input-networks';
import { clusterCommand } from '../experiments/cluster';
import { depthVarianceCommand } from '../experiments/depth-variance';
import { g1dCommand } from '../experiments/g1d';
import { memorizationCommand } from '../experiments/memorization';
import { nanodeMemoryCommand } from '../experiments/nanode-memory';
import { nanodeOrderCommand } from '../experiments/nanode-order';
import { nanodeStabilityCommand } from '../experiments/nanode-stability';
import { reflectionCommand } from '../experiments/reflection';
import { trackingCommand } from '../experiments/tracking';
import { vanDerPolCommand } from '../experiments/van-der-pol';
import type { BenchCommand } from '../runtime/bench-command';

/**
 * Every command of the CLI, in the order `--help` lists them: the benchmarks (commands/) and the
 * experiments (experiments/, each an `Experiment` made a command by `experimentCommand`). A new
 * experiment is one file under experiments/ and one line here.
 */
export const benchCommands: readonly BenchCommand[] = [
  demoCommand, solversCommand, trainStepCommand, profileCommand,
  reflectionCommand, annuliCommand, nanodeOrderCommand, trackingCommand, memorizationCommand, vanDerPolCommand, inputNetworksCommand, g1dCommand, nanodeMemoryCommand, depthVarianceCommand, nanodeStabilityCommand,
  classifyCommand, autoencodeCommand, clusterCommand,
];
