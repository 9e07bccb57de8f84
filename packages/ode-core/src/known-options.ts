import { InvalidArgumentError } from './errors';
import type { SolveOptions } from './types';

/** The options odeint reads; a caller that takes more (odeintAdjoint) adds its own. */
export const solveOptionNames = [
  'method', 'rtol', 'atol', 'stepSize', 'maxSteps', 'controller', 'norm', 'normParts', 'onStep',
] as const satisfies readonly (keyof SolveOptions)[];

/** Edit distance (insertions, deletions, substitutions) between two short names. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * Refuses an options object that is not a plain object, or that has a key none of `known` names (a
 * misspelt `rtoll` would otherwise be ignored silently), suggesting the nearest known name.
 */
export function checkOptionNames(options: unknown, known: readonly string[], what = 'options'): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new InvalidArgumentError(`${what} must be an object of options (${known.join(', ')})`);
  }
  for (const key of Object.keys(options)) {
    if (known.includes(key)) continue;
    const nearest = [...known].sort((a, b) => editDistance(key, a) - editDistance(key, b))[0];
    const hint = nearest !== undefined && editDistance(key, nearest) <= 2 ? ` (did you mean "${nearest}"?)` : '';
    throw new InvalidArgumentError(`${what}.${key} is not an option${hint}: use ${known.join(', ')}`);
  }
}
