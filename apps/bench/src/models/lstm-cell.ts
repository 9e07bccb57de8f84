import * as tf from '@tensorflow/tfjs-core';

/**
 * A vanilla LSTM cell (Hochreiter & Schmidhuber 1997) in tfjs-core ops, the discrete baseline of
 * N-CODE Sec 4.3 (tfjs-layers is not a dependency). Gates [i, f, g, o] = [x, h]·W + b, Glorot-uniform
 * W from `seed`, forget-gate bias 1.
 */
export class LstmCell {
  readonly inputs: number;
  readonly units: number;
  readonly kernel: tf.Variable;
  readonly bias: tf.Variable;

  constructor(inputs: number, units: number, seed: number) {
    if (!Number.isInteger(inputs) || inputs < 1 || !Number.isInteger(units) || units < 1) {
      throw new Error(`LSTM sizes must be positive integers, got inputs ${inputs}, units ${units}`);
    }
    this.inputs = inputs;
    this.units = units;
    const limit = Math.sqrt(6 / (inputs + units + 4 * units));
    this.kernel = tf.tidy(() => tf.variable(tf.randomUniform([inputs + units, 4 * units], -limit, limit, 'float32', seed)));
    this.bias = tf.tidy(() => tf.variable(tf.concat([tf.zeros([units]), tf.ones([units]), tf.zeros([2 * units])])));
  }

  get variables(): tf.Variable[] {
    return [this.kernel, this.bias];
  }

  /** The zero state for a batch. */
  initialState(batch: number): { h: tf.Tensor2D; c: tf.Tensor2D } {
    return { h: tf.zeros([batch, this.units]), c: tf.zeros([batch, this.units]) };
  }

  /** One step: (x [B, inputs], h, c) → (h', c'). */
  step(x: tf.Tensor2D, state: { h: tf.Tensor2D; c: tf.Tensor2D }): { h: tf.Tensor2D; c: tf.Tensor2D } {
    if (x.rank !== 2 || x.shape[1] !== this.inputs) throw new Error(`LSTM input must be [batch, ${this.inputs}], got [${x.shape}]`);
    return tf.tidy(() => {
      const gates = tf.add(tf.matMul(tf.concat([x, state.h], 1), this.kernel), this.bias);
      const [i, f, g, o] = tf.split(gates, 4, 1);
      const c = tf.add(tf.mul(tf.sigmoid(f), state.c), tf.mul(tf.sigmoid(i), tf.tanh(g))) as tf.Tensor2D;
      const h = tf.mul(tf.sigmoid(o), tf.tanh(c)) as tf.Tensor2D;
      return { h, c };
    });
  }

  dispose(): void {
    tf.dispose([this.kernel, this.bias]);
  }
}
