import * as tf from '@tensorflow/tfjs-core';
import type { CoefficientInit } from './coefficient-init';
import { InvalidArgumentError } from './errors';
import type { TimeBasis } from './time-basis';
import { countParameters, type TimeDependentLayer } from './time-dependent-layer';
import { TimeVaryingWeight } from './time-varying-weight';

/**
 * dh/dt = Σ_n σ_n(t) f_n(t, h) (NANODE §2.3.1 Eq 12) with gates
 * σ(t) = sigmoid(Σ_k ψ_k(t) α_k) ∈ (0, 1)^d over a basis. Default gate init 'zeros': every
 * expert starts at weight 1/2.
 */
export class GatedMixture implements TimeDependentLayer {
  readonly experts: readonly TimeDependentLayer[];
  /** Gate logits over the basis, shape [d]. */
  readonly gateLogits: TimeVaryingWeight;

  constructor(experts: readonly TimeDependentLayer[], basis: TimeBasis, init: CoefficientInit = 'zeros') {
    if (experts.length === 0) throw new InvalidArgumentError('GatedMixture needs at least one expert');
    this.experts = [...experts];
    this.gateLogits = new TimeVaryingWeight(basis, [experts.length], init);
  }

  get variables(): tf.Variable[] {
    return [...this.gateLogits.variables, ...this.experts.flatMap((e) => e.variables)];
  }

  get parameterCount(): number {
    return countParameters(this.variables);
  }

  /** σ(t), shape [d]. */
  gates(t: number): tf.Tensor1D {
    return tf.tidy(() => tf.sigmoid(this.gateLogits.at(t)) as tf.Tensor1D);
  }

  apply(t: number, h: tf.Tensor): tf.Tensor {
    return tf.tidy(() => {
      const outputs = this.experts.map((expert) => expert.apply(t, h));
      const shape = outputs[0].shape;
      if (outputs.some((o) => !tf.util.arraysEqual(o.shape, shape))) {
        throw new InvalidArgumentError(
          `GatedMixture experts must return one shape; got ${outputs.map((o) => `[${o.shape}]`).join(', ')}`,
        );
      }
      const flat = tf.reshape(tf.stack(outputs), [outputs.length, -1]);
      const mixed = tf.matMul(tf.reshape(this.gates(t), [1, outputs.length]), flat);
      return tf.reshape(mixed, shape);
    });
  }

  /** Disposes the gates only: experts may be shared and are disposed by their owner. */
  dispose(): void {
    this.gateLogits.dispose();
  }
}
