import type { ButcherTableau } from './butcher-tableau';
import { InvalidArgumentError } from './errors';
import { controllerOptions } from './pid-controller';
import { tableauOf } from './solver-tableaus';
import type { StateLayout } from './state-layout';
import type { AcceptedStep, ControllerOptions, ErrorNorm, SolveOptions, SolverName } from './types';

/** Every option of one solve, checked, defaults filled in, frozen: what the solver reads, and all it reads. */
export interface ResolvedOptions {
  readonly method: SolverName;
  readonly tableau: ButcherTableau;
  /** Whether the method has an embedded error estimate (steps by error control, not by stepSize). */
  readonly adaptive: boolean;
  readonly rtol: number;
  readonly atol: number;
  readonly maxSteps: number;
  readonly stepSize?: number;
  readonly controller: Readonly<ControllerOptions>;
  readonly norm?: ErrorNorm;
  readonly normParts?: readonly boolean[];
  readonly onStep?: (step: AcceptedStep) => void;
  /** The options given that the method does not read (a fixed-step method's tolerances, controller, norm): warnIgnoredOptions reports them. */
  readonly ignored: readonly (keyof SolveOptions)[];
}

/** What an omitted option takes. */
export interface OptionDefaults {
  rtol: number;
  atol: number;
  maxSteps: number;
  stepSize?: number;
}

/** The library's defaults (rtol and atol as torchdiffeq's). */
const defaultOptions: Readonly<OptionDefaults> = Object.freeze({ rtol: 1e-7, atol: 1e-9, maxSteps: 10_000 });

/** How messages name an option: by its key ('rtol') for a caller's own options, e.g. 'adjoint.rtol' for an adjoint's backward solve. */
export type OptionName = (option: keyof SolveOptions) => string;

/** Where the options come from, for messages and defaults: a caller's own options, or e.g. an adjoint's backward solve. */
export interface OptionSource {
  /** Default: the option's key. */
  name?: OptionName;
  /** What omitted options take; default `defaultOptions`. */
  defaults?: Readonly<OptionDefaults>;
}

/** The options only an adaptive method reads; a fixed-step method ignores them. */
const adaptiveOnly = ['rtol', 'atol', 'controller', 'norm', 'normParts'] as const satisfies readonly (keyof SolveOptions)[];

/**
 * Resolves a solve's options once: checks every value given (also those the method will not read),
 * lists the options the method ignores, and checks what the method requires (a fixed-step method's
 * stepSize). The state's layout checks normParts against its parts.
 */
export function resolveOptions(options: SolveOptions, layout: StateLayout, source: OptionSource = {}): ResolvedOptions {
  const name = source.name ?? ((option) => option);
  const defaults = source.defaults ?? defaultOptions;
  const { method, tableau, controller } = checkOptionValues(options, layout, name);
  const adaptive = tableau.bError !== undefined;
  const ignored = adaptive ? [] : adaptiveOnly.filter((option) => options[option] !== undefined);
  const stepSize = options.stepSize ?? defaults.stepSize;
  if (!adaptive && stepSize === undefined) {
    throw new InvalidArgumentError(`${name('method')} "${method}" is fixed-step: give options.stepSize`);
  }
  return Object.freeze({
    method,
    tableau,
    adaptive,
    rtol: options.rtol ?? defaults.rtol,
    atol: options.atol ?? defaults.atol,
    maxSteps: options.maxSteps ?? defaults.maxSteps,
    stepSize,
    controller,
    norm: options.norm,
    normParts: options.normParts && Object.freeze([...options.normParts]),
    onStep: options.onStep,
    ignored: Object.freeze(ignored),
  });
}

/**
 * Checks every option given, whether or not the method reads it (an ignored option with a bad value is
 * an error all the same). Returns the method's tableau and the controller settings.
 */
export function checkOptionValues(
  options: SolveOptions,
  layout: StateLayout,
  name: OptionName = (option) => option,
): { method: SolverName; tableau: ButcherTableau; controller: Readonly<ControllerOptions> } {
  const method = options.method ?? 'dopri5';
  const tableau = tableauOf(method, name('method'));
  for (const tolerance of ['rtol', 'atol'] as const) {
    const value = options[tolerance];
    if (value !== undefined && !(value > 0 && Number.isFinite(value))) {
      throw new InvalidArgumentError(`${name(tolerance)} = ${value}: tolerances must be finite and > 0`);
    }
  }
  const { maxSteps, stepSize, norm, normParts, onStep } = options;
  if (maxSteps !== undefined && !(Number.isInteger(maxSteps) && maxSteps > 0)) {
    throw new InvalidArgumentError(`${name('maxSteps')} = ${maxSteps}: must be a positive integer`);
  }
  if (stepSize !== undefined && !(stepSize > 0 && Number.isFinite(stepSize))) {
    throw new InvalidArgumentError(`${name('stepSize')} = ${stepSize}: must be a positive finite number (the sign follows ts)`);
  }
  const controller = controllerOptions(options.controller, name('controller'));
  if (norm !== undefined && typeof norm !== 'function') {
    throw new InvalidArgumentError(`${name('norm')} must be a function (scaledError, y) => number`);
  }
  if (normParts !== undefined) checkNormParts(normParts, layout, name('normParts'));
  if (onStep !== undefined && typeof onStep !== 'function') {
    throw new InvalidArgumentError(`${name('onStep')} must be a function ({ t0, t1, y1 }) => void`);
  }
  return { method, tableau, controller };
}

function checkNormParts(normParts: readonly boolean[], layout: StateLayout, what: string): void {
  if (!Array.isArray(normParts) || normParts.some((counted) => typeof counted !== 'boolean')) {
    throw new InvalidArgumentError(`${what} must be an array of booleans, one per part of the state`);
  }
  if (normParts.length !== layout.sizes.length) {
    throw new InvalidArgumentError(`${what} has ${normParts.length} entries but the state has ${layout.sizes.length} parts`);
  }
  if (!normParts.some(Boolean)) throw new InvalidArgumentError(`${what} leaves out every part of the state`);
}
