import { TimeVaryingDense, type TimeBasis } from '@tfode/nanode-bases';
import { ControlledODE } from './controlled-ode';
import { commonConfig, requireSize, type ModelOptions } from './model-options';
import { Module } from './module';

export interface NanodeODEOptions extends ModelOptions {
  dims: number;
  hidden: number[];
  /** ψ(t) of every weight: fourier(…) gives a Galërkin NODE, bucket(…) a stacked one. */
  basis: TimeBasis;
}

/** Wraps @tfode/nanode-bases layers so their variables are named and saved like any module's. */
class TimeVaryingStack extends Module {
  readonly layers: TimeVaryingDense[];

  constructor(layers: TimeVaryingDense[]) {
    super();
    this.layers = layers;
    layers.forEach((layer, i) => this.adoptVariables(`layer${i}`, layer.variables));
  }
}

/**
 * NANODE / Galërkin NODE: ẋ = f_{θ(t)}(x), every weight θ(t) = Σ_k ψ_k(t) α_k (NANODE §2.3.1
 * Eq 6; Dissecting §3 Cor 1): θ a known function of t, not a state.
 */
export function nanodeODE(options: NanodeODEOptions): ControlledODE {
  requireSize('dims', options.dims);
  const sizes = [options.dims, ...options.hidden, options.dims];
  const activation = options.activation ?? 'tanh';
  const layers = sizes.slice(1).map((out, i) => new TimeVaryingDense(sizes[i], out, options.basis, {
    seed: options.seed + i,
    activation: i === sizes.length - 2 ? 'linear' : activation,
  }));
  const stack = new TimeVaryingStack(layers);
  const modules: Record<string, Module> = { field: stack };
  return new ControlledODE({
    field: (t, x) => layers.reduce((h, layer) => layer.apply(t, h), x),
    ...commonConfig(options, [options.dims], modules),
  });
}
