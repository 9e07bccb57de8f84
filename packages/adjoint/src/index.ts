export { odeintAdjoint } from './odeint-adjoint';
export { odeintAdjointAsync, type AsyncAdjointSolution, type AsyncGradient } from './odeint-adjoint-async';
export { NestedGradientError } from './errors';
export { InvalidArgumentError } from '@tfode/errors';
export type { AdjointSolution, AdjointSolveOptions, BackwardStats, GradientMode, GradientOptions, IntegralLoss } from './types';
