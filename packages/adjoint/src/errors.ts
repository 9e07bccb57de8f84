import { InvalidArgumentError } from '@tfode/ode-core';
import type { GradientMode } from './types';

/**
 * A gradient of a gradient (tf.grad of tf.grad, a gradient penalty) through a solve whose gradient
 * tfjs cannot differentiate: 'adjoint' and 'checkpoint' compute their vector–Jacobian products off the
 * tape. 'backprop' records every solver op, so its gradient is differentiable again.
 */
export class NestedGradientError extends InvalidArgumentError {
  override name = 'NestedGradientError';
  constructor(readonly mode: GradientMode) {
    super(
      `gradient: '${mode}' cannot be differentiated twice (its gradient was being recorded for a gradient ` +
        `of a gradient): use gradient: 'backprop' for nested gradients`,
    );
  }
}
