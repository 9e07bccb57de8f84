import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { HypernetworkWeight } from './hypernetwork-weight';
import { expectAllClose, expectNoLeak, expectNoLeakThroughGradients } from './test-helpers';

/** Ψ([v_ij, t]) = tanh([v_ij, t]·A + a)·B + b for every entry, on the host. */
function hostHypernetwork(w: HypernetworkWeight, t: number): number[] {
  const [entries, e] = w.embeddings.shape;
  const hidden = w.hiddenBias.shape[0];
  const v = w.embeddings.dataSync();
  const a = w.hiddenWeights.dataSync();
  const ab = w.hiddenBias.dataSync();
  const b = w.outputWeights.dataSync();
  const bb = w.outputBias.dataSync()[0];
  return Array.from({ length: entries }, (_, i) => {
    const input = [...Array.from(v.slice(i * e, (i + 1) * e)), t];
    let out = bb;
    for (let h = 0; h < hidden; h++) {
      const pre = input.reduce((s, z, r) => s + z * a[r * hidden + h], ab[h]);
      out += Math.tanh(pre) * b[h];
    }
    return out;
  });
}

describe('HypernetworkWeight (Eq. 11)', () => {
  const weight = new HypernetworkWeight([3, 2], { seed: 1, embeddingSize: 3, hiddenSize: 5 });

  it('evaluates W_ij(t) = Ψ([v_ij, t]) and varies with t', () => {
    const early = weight.at(0);
    const late = weight.at(0.9);
    expect(late.shape).toEqual([3, 2]);
    expectAllClose(early.dataSync(), hostHypernetwork(weight, 0), 1e-5);
    expectAllClose(late.dataSync(), hostHypernetwork(weight, 0.9), 1e-5);
    expect(Math.max(...Array.from(early.dataSync(), (v, i) => Math.abs(v - late.dataSync()[i])))).toBeGreaterThan(1e-3);
    tf.dispose([early, late]);
  });

  it('lists all five variables, and every one receives a gradient', () => {
    expect(weight.variables).toHaveLength(5);
    expect(weight.parameterCount).toBe(6 * 3 + 4 * 5 + 5 + 5 + 1);
    const { value, grads } = tf.variableGrads(() => tf.sum(tf.square(weight.at(0.4))), weight.variables);
    for (const v of weight.variables) {
      expect(tf.tidy(() => tf.sum(tf.abs(grads[v.name])).dataSync()[0])).toBeGreaterThan(0);
    }
    tf.dispose([value, grads]);
  });

  it('leaves no tensors behind', () => {
    expectNoLeak(() => weight.at(0.3));
    expectNoLeakThroughGradients(() => weight.at(0.3), weight.variables);
  });
});
