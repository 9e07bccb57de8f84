import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from '@tfode/ode-core';
import { describe, expect, it } from 'vitest';
import type { ConvBlock } from './conv-block';
import { dataControlledODE } from './data-controlled-ode';
import { higherOrderODE } from './higher-order-ode';
import { inputLayerODE } from './input-layer-ode';
import type { MLP } from './mlp';
import { neuralODE } from './neural-ode';

const euler = { method: 'euler' as const, stepSize: 1 };
const image = { filters: 2, height: 3, width: 3 };
const values = (t: tf.Tensor) => Array.from(t.dataSync());

/** x after one Euler step of size 1 from `x0` (times [0, 1]). */
function oneStep(model: ReturnType<typeof neuralODE>, x0: tf.Tensor, theta0?: tf.Tensor): number[] {
  return tf.tidy(() => values(tf.slice(model.integrate(x0, theta0).xs, [1], [1])));
}

describe('constructors on images (the App C.2 conv field)', () => {
  it('neuralODE: the conv block on C channels and a readout of H·W·C values', () => {
    const model = neuralODE({ dims: 1, image: { filters: 2, height: 7, width: 7 }, outputs: 10, seed: 1 });
    // conv 1→2→2→1: (1·2 + 2) + (9·2·2 + 2) + (2·1 + 1) = 45; readout 7·7·1·10 + 10 = 500.
    expect(model.parameterCount).toBe(545);
    expect(() => neuralODE({ dims: 1, image, timeAppended: true, seed: 1 })).toThrow(InvalidArgumentError);
    model.dispose();
  });

  it("readout 'pool': the same conv field, a readout of C·10 + 10 whatever the image size, fed each channel's mean", () => {
    const model = neuralODE({ dims: 1, image: { filters: 2, height: 7, width: 7 }, outputs: 10, readout: 'pool', seed: 1 });
    expect(model.parameterCount).toBe(45 + 1 * 10 + 10);
    const augmented = dataControlledODE({ dims: 1, image: { ...image, augment: 3 }, outputs: 10, readout: 'pool', seed: 1 });
    expect((augmented.modules.readout as MLP).parameterCount).toBe(4 * 10 + 10); // x(T) has 1 + 3 channels
    const x = tf.randomNormal([2, 3, 3, 1], 0, 1, 'float32', 4);
    const logits = augmented.predict(x);
    expect(logits.shape).toEqual([2, 10]);
    tf.dispose([x, logits]);
    model.dispose();
    augmented.dispose();
  });

  it('inputLayerODE: the input layer is the same linear map at every pixel', () => {
    const model = inputLayerODE({ dims: 2, stateDims: 3, image, seed: 2 });
    const x = tf.randomNormal([2, 3, 3, 2], 0, 1, 'float32', 3);
    const { x0 } = model.initialState(x);
    expect(x0.shape).toEqual([2, 3, 3, 3]);
    const lift = model.modules.input as MLP;
    const perPixel = lift.apply(tf.reshape(x, [18, 2]));
    values(x0).forEach((v, i) => expect(v).toBeCloseTo(perPixel.dataSync()[i], 5));
    tf.dispose([x, x0, perPixel]);
    model.dispose();
  });

  it('higherOrderODE: q(0) = [x, 0], v(0) = 0, then one Euler step gives q + v and v + f(z)', () => {
    const model = higherOrderODE({ dims: 1, order: 2, image: { ...image, augment: 1 }, seed: 4, solver: euler });
    const x = tf.randomNormal([1, 3, 3, 1], 0, 1, 'float32', 5);
    const { x0 } = model.initialState(x);
    expect(x0.shape).toEqual([1, 3, 3, 4]); // positions [x, 0], velocities [0, 0]
    const z0 = tf.randomNormal([1, 3, 3, 4], 0, 1, 'float32', 6);
    const f = (model.modules.field as ConvBlock).apply(z0);
    const z = values(z0);
    const accelerations = values(f);
    const expected = z.map((v, i) => {
      const [pixel, channel] = [Math.floor(i / 4), i % 4];
      return channel < 2 ? v + z[4 * pixel + channel + 2] : v + accelerations[2 * pixel + channel - 2];
    });
    oneStep(model, z0).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 5));
    expect(() => higherOrderODE({ dims: 2, order: 2, selected: [0], image, seed: 4 })).toThrow(/vector data/);
    tf.dispose([x, x0, z0, f]);
    model.dispose();
  });

  it('dataControlledODE: z(0) = [x, 0] and f reads [z, x] on the channel axis', () => {
    const model = dataControlledODE({ dims: 1, image: { ...image, augment: 1 }, seed: 7, solver: euler });
    const x = tf.randomNormal([1, 3, 3, 1], 0, 1, 'float32', 8);
    const { x0, theta0 } = model.initialState(x);
    expect(values(x0)).toEqual(values(x).flatMap((v) => [v, 0]));
    const f = (model.modules.field as ConvBlock).apply(tf.concat([x0, x], 3));
    const expected = values(x0).map((v, i) => v + f.dataSync()[i]);
    oneStep(model, x0, theta0).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 5));
    tf.dispose([x, x0, theta0!, f]);
    model.dispose();
  });
});
