/**
 * An explicit Runge–Kutta method as data: stage i evaluates f(t + c[i]·h, y + h·Σ_j a[i][j]·k_j).
 * One generic stepper (runge-kutta-step.ts) runs every tableau.
 */
export interface ButcherTableau {
  readonly name: string;
  /** Order of the propagated solution. */
  readonly order: number;
  readonly c: readonly number[];
  /** Strictly lower triangular: a[i] has i entries (a[0] is empty). */
  readonly a: readonly (readonly number[])[];
  readonly b: readonly number[];
  /** Embedded error weights b − b̂ (error = h·Σ bError_i k_i); absent for fixed-step methods. */
  readonly bError?: readonly number[];
  /** First same as last: the last stage is f(t + h, y1), the next step's first stage. */
  readonly fsal: boolean;
  /**
   * Continuous extension y(t0 + θh) = y0 + h·Σ_i weights(θ)_i k_i; a weight past the last stage
   * multiplies f(t1, y1). Absent → cubic Hermite.
   */
  readonly denseWeights?: (theta: number) => number[];
}
