import type { OptionName, ResolvedOptions } from './resolve-options';
import { tableaus } from './solver-tableaus';
import type { SolveOptions, SolverName } from './types';

const warned = new Set<string>();
const adaptiveMethods = (Object.keys(tableaus) as SolverName[]).filter((method) => tableaus[method].bError !== undefined);

/**
 * Reports an option that the chosen method or gradient mode does not read: console.warn, once per
 * distinct message per process (as Python's warnings, which torchdiffeq's unused-option check uses), so
 * a training loop that solves with the same options every step says it once.
 */
export function warnIgnoredOption(message: string): void {
  if (warned.has(message)) return;
  warned.add(message);
  console.warn(message);
}

/** Warns of each option resolveOptions found the method ignores, but those another solve reads (`readElsewhere`). */
export function warnIgnoredOptions(
  options: ResolvedOptions,
  name: OptionName = (option) => option,
  readElsewhere: readonly (keyof SolveOptions)[] = [],
): void {
  for (const option of options.ignored) {
    if (readElsewhere.includes(option)) continue;
    warnIgnoredOption(
      `${name(option)} is ignored by the fixed-step method "${options.method}" (it steps by stepSize, with no error control): ` +
        `drop it, or use an adaptive method (${adaptiveMethods.join(', ')})`,
    );
  }
}
