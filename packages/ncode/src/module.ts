import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from '@tfode/ode-core';

/**
 * A container of named trainable variables and sub-modules. Names are local ("kernel", "bias");
 * `namedVariables()` joins them with "/" into paths unique inside the root module, which is what
 * weight files store.
 */
export class Module {
  private readonly own = new Map<string, tf.Variable>();
  private readonly children = new Map<string, Module>();
  private readonly constants = new Map<string, tf.Tensor>();

  /** Registers a trainable variable holding a copy of `initial` (which is disposed). */
  protected addVariable(name: string, initial: tf.Tensor): tf.Variable {
    this.checkName(name);
    const variable = tf.variable(initial, true);
    initial.dispose();
    this.own.set(name, variable);
    return variable;
  }

  /**
   * Registers a non-trainable tensor the module uses on every call (e.g. a fixed selection matrix), so
   * it is built once instead of per call. Not a variable: no gradient, not in weight files; disposed
   * with the module. Returns the kept tensor.
   */
  addConstant<T extends tf.Tensor>(name: string, value: T): T {
    this.checkName(name);
    this.constants.set(name, tf.keep(value));
    return value;
  }

  /** Registers a sub-module; its variables become `name/...`. */
  addModule<M extends Module>(name: string, module: M): M {
    this.checkName(name);
    this.children.set(name, module);
    return module;
  }

  /** Registers variables owned elsewhere (e.g. a @tfode/nanode-bases layer) as `name/0`, `name/1`, …. */
  protected adoptVariables(name: string, variables: readonly tf.Variable[]): void {
    const holder = new Module();
    variables.forEach((v, i) => holder.own.set(String(i), v));
    this.addModule(name, holder);
  }

  /** Every variable with its path, in registration order. */
  namedVariables(): Array<[string, tf.Variable]> {
    const out: Array<[string, tf.Variable]> = [...this.own.entries()];
    for (const [name, child] of this.children) {
      for (const [path, v] of child.namedVariables()) out.push([`${name}/${path}`, v]);
    }
    return out;
  }

  /** Every trainable variable: what an optimizer and `odeintAdjoint`'s `params` need. */
  get variables(): tf.Variable[] {
    return this.namedVariables().map(([, v]) => v);
  }

  get parameterCount(): number {
    return this.variables.reduce((n, v) => n + v.size, 0);
  }

  dispose(): void {
    for (const v of this.variables) v.dispose();
    for (const c of this.allConstants()) c.dispose();
  }

  private allConstants(): tf.Tensor[] {
    return [...this.constants.values(), ...[...this.children.values()].flatMap((child) => child.allConstants())];
  }

  private checkName(name: string): void {
    if (name === '' || name.includes('/')) {
      throw new InvalidArgumentError(`module entry name "${name}" must be non-empty and contain no "/"`);
    }
    if (this.own.has(name) || this.children.has(name) || this.constants.has(name)) {
      throw new InvalidArgumentError(`module entry "${name}" is already registered: pick another name`);
    }
  }
}
