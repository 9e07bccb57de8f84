import * as tf from '@tensorflow/tfjs-core';
import { SeededRandom } from '@tfode/datasets';
import { Module, splitControl } from '@tfode/ncode';

export interface ConvFieldOptions {
  seed: number;
  /** Convolutions (0: first 1×1, 1: the 3×3, 2: last 1×1) whose kernel and bias come per sample from θ. */
  controlled?: number[];
}

/** [B, H, W, C] → [B, H·W, 9C]: zero-padded 3×3 neighbourhoods ordered (dy, dx, c), like a kernel [3, 3, C, K]. */
function neighbourhoods(x: tf.Tensor4D): tf.Tensor3D {
  const [batch, height, width, channels] = x.shape;
  const padded = tf.pad(x, [[0, 0], [1, 1], [1, 1], [0, 0]]);
  const shifted: tf.Tensor4D[] = [];
  for (let dy = 0; dy < 3; dy++) {
    for (let dx = 0; dx < 3; dx++) shifted.push(tf.slice(padded, [0, dy, dx, 0], [-1, height, width, -1]));
  }
  return tf.reshape(tf.concat(shifted, 3), [batch, height * width, 9 * channels]);
}

/**
 * A size-preserving convolution as an im2col matMul: kernel [k·k·C, K] shared, or [B, k·k·C, K] per
 * sample. Only matMul, pad, slice and reshape: every backend has their gradients (wasm has no
 * Conv2DBackpropFilter, so tf.conv2d cannot be trained there).
 */
export function convolve(x: tf.Tensor4D, kernel: tf.Tensor, bias: tf.Tensor, size: 1 | 3): tf.Tensor4D {
  const [batch, height, width, channels] = x.shape;
  const outputs = kernel.shape[kernel.rank - 1];
  return tf.tidy(() => {
    const rows = size === 3 ? neighbourhoods(x) : tf.reshape(x, [batch, height * width, channels]);
    const out = kernel.rank === 2
      ? tf.add(tf.matMul(tf.reshape(rows, [batch * height * width, -1]), kernel as tf.Tensor2D), bias)
      : tf.add(tf.matMul(rows, kernel as tf.Tensor3D), tf.reshape(bias, [batch, 1, -1]));
    return tf.reshape(out, [batch, height, width, outputs]);
  });
}

/**
 * The image field of App C.2 (000_a288946168992ea9.txt): 1×1 (C_in → k) → ReLU → 3×3 (k → k) → ReLU →
 * 1×1 (k → C_out), padding that keeps H×W. C_out may differ from C_in (data control reads [x, x₀];
 * a second-order field returns only the accelerations). Some kernels may be per-sample controls θ.
 */
export class ConvField extends Module {
  /** Shapes of the controlled kernel and bias blocks, in θ's order. */
  readonly controlShapes: number[][] = [];
  private readonly convs: Array<{ size: 1 | 3; params: { kernel: tf.Variable; bias: tf.Variable } | null }>;

  constructor(readonly inputChannels: number, readonly filters: number, readonly outputChannels: number, options: ConvFieldOptions) {
    super();
    const controlled = options.controlled ?? [];
    const random = new SeededRandom(options.seed);
    const specs: Array<[1 | 3, number, number]> = [[1, inputChannels, filters], [3, filters, filters], [1, filters, outputChannels]];
    this.convs = specs.map(([size, cin, cout], i) => {
      const fanIn = size * size * cin;
      if (controlled.includes(i)) {
        this.controlShapes.push([fanIn, cout], [cout]);
        return { size, params: null };
      }
      // LeCun-normal kernels, zero biases.
      const kernel = this.addVariable(`kernel${i}`, tf.tensor2d(random.normals(fanIn * cout, 1 / Math.sqrt(fanIn)), [fanIn, cout]));
      return { size, params: { kernel, bias: this.addVariable(`bias${i}`, tf.zeros([cout])) } };
    });
  }

  /** Per controlled convolution, the size of its kernel and bias together (one γ head each, App C.2). */
  get controlBlockSizes(): number[] {
    const sizes: number[] = [];
    for (let i = 0; i < this.controlShapes.length; i += 2) sizes.push(this.controlShapes[i][0] * this.controlShapes[i][1] + this.controlShapes[i + 1][0]);
    return sizes;
  }

  /** x: [B, H, W, C_in]; θ: [B, Σ controlBlockSizes] when some kernels are controlled. */
  apply(x: tf.Tensor4D, theta?: tf.Tensor): tf.Tensor4D {
    if (x.rank !== 4 || x.shape[3] !== this.inputChannels) {
      throw new Error(`ConvField expects x of shape [batch, height, width, ${this.inputChannels}], got [${x.shape}]`);
    }
    if (this.controlShapes.length > 0 && theta === undefined) throw new Error('this ConvField has controlled kernels: pass θ');
    return tf.tidy(() => {
      const blocks = theta ? splitControl(theta, this.controlShapes) : [];
      let h = x;
      this.convs.forEach(({ size, params }, i) => {
        const [kernel, bias] = params ? [params.kernel, params.bias] : blocks.splice(0, 2);
        h = convolve(h, kernel, bias, size);
        if (i < 2) h = tf.relu(h);
      });
      return h;
    });
  }
}
