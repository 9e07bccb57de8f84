/** RMS distance ‖z(s) − β(s)‖ over the samples with s in [from, to]; states are [time][sample][coordinate]. */
export function trackingError(states: number[][][], times: number[], reference: (s: number) => ArrayLike<number>, from: number, to: number): number {
  let sum = 0;
  let count = 0;
  times.forEach((s, k) => {
    if (s < from || s > to) return;
    const beta = reference(s);
    for (const state of states[k]) {
      sum += state.reduce((acc, value, j) => acc + (value - beta[j]) ** 2, 0);
      count += 1;
    }
  });
  if (count === 0) throw new Error(`no output time lies in [${from}, ${to}]`);
  return Math.sqrt(sum / count);
}
