export { odeintAdjoint } from './odeint-adjoint';
export type { AdjointSolution, AdjointSolveOptions, GradientMode, GradientOptions, IntegralLoss } from './types';
