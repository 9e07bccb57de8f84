/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of an empty list');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Runs `action` `repeats` times and returns the wall time of each run in milliseconds. */
export function timeRepeats(repeats: number, action: () => void): number[] {
  return Array.from({ length: repeats }, () => {
    const start = performance.now();
    action();
    return performance.now() - start;
  });
}
