import type * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError, type SolveOptions } from '@tfode/ode-core';
import {
  checkOptionNames, checkOptionValues, resolveOptions, solveOptionNames, warnIgnoredOption, warnIgnoredOptions, type OptionName,
  type ResolvedOptions,
} from '@tfode/ode-core/internal';
import { adjointStateLayout } from './adjoint-gradient';
import type { AugmentedProblem } from './augmented-problem';
import type { AdjointSolveOptions, GradientMode, GradientOptions } from './types';

const modes: GradientMode[] = ['backprop', 'adjoint', 'checkpoint'];

/** Every option of one odeintAdjoint call, checked once, frozen. */
export interface ResolvedGradientOptions {
  readonly mode: GradientMode;
  /** The forward solve, on the augmented state. */
  readonly forward: ResolvedOptions;
  /** The backward solve: 'adjoint' mode only. */
  readonly backward?: ResolvedOptions;
}

/** A backward-solve option by the name the caller gave it: options.adjoint's, normParts from its seminorm. */
const backwardName: OptionName = (option) => (option === 'normParts' ? 'adjoint.seminorm' : `adjoint.${option}`);

/**
 * Resolves an odeintAdjoint call's options once: every value checked, also those the mode does not
 * read; then each option the mode or a method ignores is reported (warnIgnoredOption: console.warn,
 * once per message).
 */
export function resolveGradientOptions(options: GradientOptions, problem: AugmentedProblem, params: tf.Tensor[]): ResolvedGradientOptions {
  checkOptionNames(options, [...solveOptionNames, 'gradient', 'adjoint', 'integralLoss']);
  const mode = options.gradient ?? 'adjoint';
  if (!modes.includes(mode)) throw new InvalidArgumentError(`gradient "${mode}": use ${modes.join(', ')}`);
  const forward = resolveOptions(options, problem.layout);
  const given = checkAdjointOptions(options.adjoint);
  const backwardLayout = adjointStateLayout(problem.zLayout.size, params);
  const backwardOptions: SolveOptions = {
    method: given.method ?? forward.method,
    rtol: given.rtol,
    atol: given.atol,
    normParts: given.seminorm === undefined ? undefined : [true, true, !given.seminorm],
  };
  if (mode !== 'adjoint') {
    if (options.adjoint !== undefined) {
      checkOptionValues(backwardOptions, backwardLayout, backwardName);
      warnIgnoredOption(
        `adjoint is ignored by gradient: '${mode}' (only gradient: 'adjoint' solves backward in time): drop it, or use gradient: 'adjoint'`,
      );
    }
    warnIgnoredOptions(forward);
    return Object.freeze({ mode, forward });
  }
  // Omitted backward options take the forward solve's values.
  const backward = resolveOptions(backwardOptions, backwardLayout, {
    name: backwardName,
    defaults: { rtol: forward.rtol, atol: forward.atol, maxSteps: forward.maxSteps, stepSize: forward.stepSize },
  });
  // An adaptive backward solve reads the forward's tolerances when options.adjoint gives none of its own.
  const inherited = backward.adaptive ? (['rtol', 'atol'] as const).filter((tolerance) => given[tolerance] === undefined) : [];
  warnIgnoredOptions(forward, undefined, inherited);
  warnIgnoredOptions(backward, backwardName);
  return Object.freeze({ mode, forward, backward });
}

function checkAdjointOptions(adjoint: AdjointSolveOptions | undefined): AdjointSolveOptions {
  if (adjoint === undefined) return {};
  if (typeof adjoint !== 'object' || adjoint === null || Array.isArray(adjoint)) {
    throw new InvalidArgumentError('adjoint must be an object { method, rtol, atol, seminorm } for the backward solve');
  }
  checkOptionNames(adjoint, ['method', 'rtol', 'atol', 'seminorm'], 'adjoint');
  if (adjoint.seminorm !== undefined && typeof adjoint.seminorm !== 'boolean') {
    throw new InvalidArgumentError(`adjoint.seminorm = ${String(adjoint.seminorm)}: must be true or false`);
  }
  return adjoint;
}
