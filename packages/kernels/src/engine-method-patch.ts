import * as tf from '@tensorflow/tfjs-core';

type Engine = Record<string, unknown>;

/**
 * Puts `replacement` in place of tfjs's engine method `name`, as an own property over the Engine
 * prototype's (idempotent: two copies of this package in one process patch it once).
 */
export function patchEngineMethod(name: string, replacement: (...args: never[]) => unknown): void {
  const engine = tf.engine() as unknown as Engine;
  if (!Object.hasOwn(engine, name)) engine[name] = replacement;
}

/** Takes the replacement of `name` away: the prototype's, tfjs's own, shows through again. */
export function unpatchEngineMethod(name: string): void {
  delete (tf.engine() as unknown as Engine)[name];
}

/** tfjs's own engine method `name` (the prototype's), for a patch to hand the cases it does not take back to. */
export function tfjsEngineMethod<F>(engine: object, name: string): F {
  return (Object.getPrototypeOf(engine) as Record<string, F>)[name];
}
