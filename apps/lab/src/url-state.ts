// The run's settings live in the page's query string, so a link reproduces a run:
// ?task=annuli&model=ncode-open&seed=1&backend=wasm&steps=200&autostart=1
import { modelKeys, type ModelKey } from './models';
import { taskKeys, type TaskKey } from './tasks';

export const backendNames = ['wasm', 'webgl', 'webgpu', 'cpu'] as const;
export type BackendKey = (typeof backendNames)[number];

export interface LabState {
  task: TaskKey;
  model: ModelKey;
  seed: number;
  backend: BackendKey;
  /** Training steps of one run. */
  steps: number;
  /** Start training as soon as the page has loaded. */
  autostart: boolean;
}

export const defaultState: LabState = { task: 'annuli', model: 'ncode-open', seed: 1, backend: 'wasm', steps: 200, autostart: false };

function pick<T extends string>(value: string | null, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

function integerIn(value: string | null, fallback: number, min: number, max: number): number {
  const n = Number(value);
  return value !== null && value !== '' && Number.isInteger(n) && n >= min && n <= max ? n : fallback;
}

/** Reads the state from a query string; a missing or malformed value takes its default. */
export function readState(search: string): LabState {
  const query = new URLSearchParams(search);
  return {
    task: pick(query.get('task'), taskKeys, defaultState.task),
    model: pick(query.get('model'), modelKeys, defaultState.model),
    seed: integerIn(query.get('seed'), defaultState.seed, 0, 2 ** 31 - 1),
    backend: pick(query.get('backend'), backendNames, defaultState.backend),
    steps: integerIn(query.get('steps'), defaultState.steps, 1, 100_000),
    autostart: query.get('autostart') === '1',
  };
}

/** The query string of a state (autostart only when set). */
export function writeState(state: LabState): string {
  const query = new URLSearchParams({
    task: state.task, model: state.model, seed: String(state.seed), backend: state.backend, steps: String(state.steps),
  });
  if (state.autostart) query.set('autostart', '1');
  return `?${query}`;
}
