// The command context of the experiments' quick end-to-end tests: --quick, seed 0, cpu, no progress output.
import * as tf from '@tensorflow/tfjs-core';
import { expect } from 'vitest';
import type { BenchCommand, CommandContext, CommandResult } from '../runtime/bench-command';
import { computeEveryUnit } from '../runtime/unit-cache';

export const quickTestContext: CommandContext = {
  options: { quick: true, seed: 0 }, backend: 'cpu', progress: () => ({ tick: () => {}, stop: () => {} }), units: computeEveryUnit,
};

/** Runs `command` in the quick test context and checks it left no tensor behind. */
export async function runQuickWithoutLeaks(command: BenchCommand): Promise<CommandResult> {
  const before = tf.memory().numTensors;
  const result = await command.run(quickTestContext);
  expect(tf.memory().numTensors).toBe(before);
  return result;
}
