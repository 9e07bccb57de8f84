import type { ClassicProblem, Float64Field } from '../data/classic-problems';

/** Steps of the float64 reference per unit of time. */
const referenceStepsPerUnit = 10_000;

function rk4Step(field: Float64Field, t: number, y: number[], h: number): number[] {
  const shifted = (k: number[], scale: number) => y.map((value, i) => value + scale * k[i]);
  const k1 = field(t, y);
  const k2 = field(t + h / 2, shifted(k1, h / 2));
  const k3 = field(t + h / 2, shifted(k2, h / 2));
  const k4 = field(t + h, shifted(k3, h));
  return y.map((value, i) => value + (h / 6) * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]));
}

/**
 * Classical RK4 in float64 with `stepsPerUnit` steps per unit time, landing on every output time:
 * independent of the tensor solvers under test. At the default 10⁴ steps per unit its error is
 * ~h⁴ ≈ 1e-16 per unit of a smooth problem — far below float32's 6e-8 resolution.
 */
export function integrateFloat64(
  field: Float64Field,
  y0: readonly number[],
  ts: readonly number[],
  stepsPerUnit = referenceStepsPerUnit,
): number[][] {
  const states = [[...y0]];
  let y = [...y0];
  for (let i = 1; i < ts.length; i++) {
    const steps = Math.max(1, Math.ceil(Math.abs(ts[i] - ts[i - 1]) * stepsPerUnit));
    const h = (ts[i] - ts[i - 1]) / steps;
    for (let step = 0; step < steps; step++) y = rk4Step(field, ts[i - 1] + step * h, y, h);
    states.push(y);
  }
  return states;
}

/** The truth a solver is measured against at each output time, and how it was obtained. */
export interface Reference {
  states: number[][];
  kind: 'exact' | 'float64 RK4';
  /** Estimated error of `states` (0 for exact): max difference from the same integration at half the steps, ÷ 15 (Richardson, order 4). */
  estimatedError: number;
}

export function referenceSolution(problem: ClassicProblem, ts: readonly number[]): Reference {
  if (problem.exact) return { states: ts.map(problem.exact), kind: 'exact', estimatedError: 0 };
  const states = integrateFloat64(problem.field64, problem.y0, ts);
  const coarse = integrateFloat64(problem.field64, problem.y0, ts, referenceStepsPerUnit / 2);
  return { states, kind: 'float64 RK4', estimatedError: maxAbsDifference(states, coarse) / 15 };
}

/** max over times and components of |a − b|; NaN if any entry is not finite. */
export function maxAbsDifference(a: ArrayLike<ArrayLike<number>>, b: ArrayLike<ArrayLike<number>>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < a[i].length; j++) {
      const difference = Math.abs(a[i][j] - b[i][j]);
      if (!Number.isFinite(difference)) return Number.NaN;
      worst = Math.max(worst, difference);
    }
  }
  return worst;
}
