export { odeintAdjoint } from './odeint-adjoint';
export { NestedGradientError } from './errors';
export { InvalidArgumentError } from '@tfode/errors';
export type { AdjointSolution, AdjointSolveOptions, BackwardStats, GradientMode, GradientOptions, IntegralLoss } from './types';
