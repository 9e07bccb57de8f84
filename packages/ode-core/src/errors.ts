// Bad input to a solver: the family's one InvalidArgumentError.
export { InvalidArgumentError } from '@tfode/errors';

/**
 * A solve of valid input that could not finish: the field is too stiff for the step budget, or the
 * state blew up. The base of StepSizeUnderflowError, MaxStepsExceededError and NonFiniteStateError,
 * so a caller (e.g. a training loop that should stop one diverging model) can catch them all and
 * still let bad-input errors and bugs through.
 */
export class SolveFailedError extends Error {
  override name = 'SolveFailedError';
}

/** The adaptive controller asked for a step smaller than `dtmin` (or than float64 can resolve at t). */
export class StepSizeUnderflowError extends SolveFailedError {
  override name = 'StepSizeUnderflowError';
  constructor(
    readonly t: number,
    readonly stepSize: number,
  ) {
    super(
      `step size underflow at t=${t}: the controller asked for h=${stepSize}. The problem may be stiff ` +
        `or singular here; loosen rtol/atol, lower controller.dtmin, or check f near t=${t}.`,
    );
  }
}

/** More steps were attempted than `maxSteps` allows. */
export class MaxStepsExceededError extends SolveFailedError {
  override name = 'MaxStepsExceededError';
  constructor(
    readonly t: number,
    readonly steps: number,
  ) {
    super(
      `reached t=${t} after ${steps} attempted steps (maxSteps): raise options.maxSteps, loosen ` +
        `rtol/atol, or use a fixed-step method if the field is stiff.`,
    );
  }
}

/** The state or its derivative became NaN or ±Inf. */
export class NonFiniteStateError extends SolveFailedError {
  override name = 'NonFiniteStateError';
  constructor(
    readonly t: number,
    detail: string,
  ) {
    super(`non-finite state (NaN or Inf) at t=${t}: ${detail}`);
  }
}
