import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { Module } from './module';

class Holder extends Module {
  readonly weight = this.addVariable('weight', tf.ones([2]));
}

describe('Module constants', () => {
  it('are kept across tidy, are not variables, and are disposed with their module (and its parents)', () => {
    const before = tf.memory().numTensors;
    const parent = new Module();
    const child = parent.addModule('child', new Holder());
    const scale = tf.tidy(() => child.addConstant('scale', tf.tensor1d([2, 3])));
    expect(scale.isDisposed).toBe(false);
    expect(parent.namedVariables().map(([path]) => path)).toEqual(['child/weight']);
    expect(parent.parameterCount).toBe(2);
    const product = tf.mul(child.weight, scale);
    expect(Array.from(product.dataSync())).toEqual([2, 3]);
    product.dispose();
    parent.dispose();
    expect(scale.isDisposed).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('share the module\'s namespace: a name already used is refused', () => {
    const m = new Holder();
    expect(() => m.addConstant('weight', tf.zeros([1]))).toThrow(/already registered/);
    m.dispose();
  });
});
