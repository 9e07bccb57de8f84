import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from '@tfode/ode-core';
import type { Activation } from '@tfode/nanode-bases';
import type { ControlledODEConfig, RunningCost } from './controlled-ode';
import { MLP } from './mlp';
import type { Module } from './module';

/** What every constructor accepts besides its own shape parameters. */
export interface ModelOptions {
  /** Seed of every initialization (each part derives its own from it). */
  seed: number;
  /** Output times; default [0, 1]. */
  times?: number[];
  solver?: ControlledODEConfig['solver'];
  integralLoss?: RunningCost;
  /** Nonlinearity of the field networks; default 'tanh'. */
  activation?: Activation;
  /** Size of a linear readout h_y of the final state; default none (the output is x(T)). */
  outputs?: number;
  /**
   * What the readout reads: 'flatten' (default) every value of x(T); 'pool' each channel's mean over
   * the image (global average pooling, image states only): channels·outputs + outputs weights whatever
   * the image size; `{ firstChannels: c }` the first c channels of an image state, flattened: the same
   * readout (H·W·c·outputs + outputs) for models whose states have different widths.
   */
  readout?: Readout;
}

/** What a readout reads of x(T): see ModelOptions.readout. */
export type Readout = 'flatten' | 'pool' | { firstChannels: number };

/**
 * The shared part of a constructor's config: times, solver, ℓ, and the optional linear readout h_y of
 * what it reads (`readShape`: that state's per-sample shape, [d] or [H, W, C]). Returns the model's
 * modules as a new object (the given ones, plus `readout` when there is one); `modules` itself is left
 * as it was.
 */
export function commonConfig(
  options: ModelOptions,
  readShape: readonly number[],
  modules: Readonly<Record<string, Module>>,
  readFrom?: (xT: tf.Tensor) => tf.Tensor,
): Pick<ControlledODEConfig, 'modules' | 'times' | 'solver' | 'integralLoss' | 'outputNet'> {
  const base = { times: options.times, solver: options.solver, integralLoss: options.integralLoss };
  if (options.outputs === undefined) return { ...base, modules: { ...modules }, outputNet: readFrom };
  const readout = options.readout ?? 'flatten';
  const firstChannels = typeof readout === 'object' && readout !== null ? readout.firstChannels : undefined;
  if (readout !== 'flatten' && readout !== 'pool' && firstChannels === undefined) {
    throw new InvalidArgumentError(`readout ${JSON.stringify(readout)}: use 'flatten', 'pool' or { firstChannels: c }`);
  }
  if (readout !== 'flatten' && readShape.length !== 3) {
    throw new InvalidArgumentError(`readout ${JSON.stringify(readout)} reads an image's channels: give the model an image state`);
  }
  if (firstChannels !== undefined && !(Number.isInteger(firstChannels) && firstChannels >= 1 && firstChannels <= readShape[2])) {
    throw new InvalidArgumentError(`readout.firstChannels must be an integer in 1…${readShape[2]} (the state's channels), got ${firstChannels}`);
  }
  const values = tf.util.sizeFromShape([...readShape]);
  const inputs = readout === 'pool' ? readShape[2] : firstChannels !== undefined ? (values / readShape[2]) * firstChannels : values;
  const head = new MLP([inputs, options.outputs], { seed: options.seed + 101, activation: 'linear' });
  return {
    ...base,
    modules: { ...modules, readout: head },
    outputNet: (xT) => {
      let read = readFrom ? readFrom(xT) : xT;
      if (firstChannels !== undefined) read = tf.slice(read, [0, 0, 0, 0], [-1, -1, -1, firstChannels]);
      return head.apply(readout === 'pool' ? tf.mean(read, [1, 2]) : tf.reshape(read, [xT.shape[0], -1]));
    },
  };
}

export function requireSize(what: string, n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${what} must be a positive integer, got ${n}`);
}
