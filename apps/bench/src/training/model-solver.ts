import type { ModelOptions } from '@tfode/ncode';

/** How a model of @tfode/ncode solves and differentiates its flow: method, tolerances or step, gradient mode. */
export type ModelSolver = NonNullable<ModelOptions['solver']>;
