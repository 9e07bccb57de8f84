import * as tf from '@tensorflow/tfjs-core';
import { SeededRandom } from '@tfode/seeded-random';
import { describe, expect, it } from 'vitest';
import { hebbianNCODE } from './hebbian-ncode';
import { train } from './test-support';

const bits = 20;
const patterns = 3;

/** B episodes (App C.3): 3 random ±1 patterns shown in turn, then one of them with half its bits zeroed. */
function episodes(batch: number, random: SeededRandom): { stimuli: tf.Tensor2D[]; target: tf.Tensor2D } {
  const shown = Array.from({ length: patterns }, () => Array.from({ length: batch * bits }, () => (random.uniform() < 0.5 ? -1 : 1)));
  const target: number[] = [];
  const query: number[] = [];
  for (let b = 0; b < batch; b++) {
    const pick = shown[Math.floor(random.uniform() * patterns)].slice(b * bits, (b + 1) * bits);
    const zeroed = new Set<number>();
    while (zeroed.size < bits / 2) zeroed.add(Math.floor(random.uniform() * bits));
    target.push(...pick);
    query.push(...pick.map((v, i) => (zeroed.has(i) ? 0 : v)));
  }
  const stimuli = [...shown.map((p) => tf.tensor2d(p, [batch, bits])), tf.tensor2d(query, [batch, bits])];
  return { stimuli, target: tf.tensor2d(target, [batch, bits]) };
}

describe('hebbianNCODE (Eq 7): few-shot pattern memorisation', () => {
  it('recalls 3 patterns of 20 bits with < 5 % bit error', () => {
    const model = hebbianNCODE({ size: bits, seed: 1, solver: { method: 'rk4', stepSize: 0.1, gradient: 'backprop' } });
    const random = new SeededRandom(3);
    const optimizer = tf.train.adam(0.02);
    for (let step = 0; step < 60; step++) {
      const { stimuli, target } = episodes(16, random);
      tf.dispose(optimizer.minimize(() => tf.mean(tf.square(tf.sub(model.presentSequence(stimuli, 0.5), target))) as tf.Scalar, true, model.variables) ?? []);
      tf.dispose([...stimuli, target]);
    }
    optimizer.dispose();
    const { stimuli, target } = episodes(200, new SeededRandom(99));
    const recalled = model.presentSequence(stimuli, 0.5);
    const bitError = tf.tidy(() => tf.mean(tf.cast(tf.notEqual(tf.sign(recalled), target), 'float32')).dataSync()[0]);
    console.log(`hebbian bit error ${(100 * bitError).toFixed(2)} %`);
    expect(bitError).toBeLessThan(0.05);
    tf.dispose([...stimuli, target, recalled]);
    model.dispose();
  });
});
