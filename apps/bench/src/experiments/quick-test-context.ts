// The command context of the experiments' quick end-to-end tests: --quick, seed 0, cpu, no progress output.
import type { CommandContext } from '../runtime/bench-command';
import { computeEveryUnit } from '../runtime/unit-cache';

export const quickTestContext: CommandContext = {
  options: { quick: true, seed: 0 }, backend: 'cpu', progress: () => ({ tick: () => {}, stop: () => {} }), units: computeEveryUnit,
};
