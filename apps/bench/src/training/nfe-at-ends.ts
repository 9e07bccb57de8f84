import type { TrainingRecord } from './training-loop';

function meanOf(values: number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((a, b) => a + b, 0) / values.length;
}

/** Mean forward NFE per step over the first and the last tenth of the recorded steps (how NFE grew in training). */
export function nfeAtEnds(history: TrainingRecord[]): { start: number; end: number } {
  const tenth = Math.max(1, Math.floor(history.length / 10));
  return { start: meanOf(history.slice(0, tenth).map((r) => r.nfe)), end: meanOf(history.slice(-tenth).map((r) => r.nfe)) };
}
