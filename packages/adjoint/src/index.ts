export { odeintAdjoint } from './odeint-adjoint';
export { NestedGradientError } from './errors';
export { InvalidArgumentError } from '@tfode/errors';
export type { AdjointSolution, AdjointSolveOptions, GradientMode, GradientOptions, IntegralLoss } from './types';
