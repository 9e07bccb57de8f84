import { InvalidArgumentError } from '@tfode/ode-core';
import { ControlledODE } from './controlled-ode';
import { fieldNetwork, stateShape } from './field-network';
import type { ImageOptions } from './image-options';
import { commonConfig, requireSize, type ModelOptions } from './model-options';
import type { MLP } from './mlp';
import type { Module } from './module';

export interface NeuralODEOptions extends ModelOptions {
  /** State size d (x: [B, d]), or C channels of images [B, H, W, C]. */
  dims: number;
  /** Hidden sizes of an MLP f (vector data); default [16]. */
  hidden?: number[];
  /** f(t, x) = MLP([x, t]) instead of the autonomous MLP(x) (vector data). Default false. */
  timeAppended?: boolean;
  /** Image data: f is the App C.2 conv block. */
  image?: ImageOptions;
}

/** A plain neural ODE ẋ = f_θ(x) or f_θ([x, t]) with fixed θ (N-CODE §2 Eq 1–2). */
export function neuralODE(options: NeuralODEOptions): ControlledODE {
  requireSize('dims', options.dims);
  const timed = options.timeAppended ?? false;
  if (timed && options.image) throw new InvalidArgumentError('timeAppended is for vector data: the image field is autonomous');
  const f = fieldNetwork(options.dims + (timed ? 1 : 0), options.dims, options);
  const modules: Record<string, Module> = { field: f };
  return new ControlledODE({
    field: (t, x) => (timed ? (f as MLP).applyTimed(x, t) : f.apply(x)),
    ...commonConfig(options, stateShape(options.dims, options.image), modules),
  });
}
