import * as tf from '@tensorflow/tfjs-core';
import { dense, patches3x3 } from '@tfode/kernels';
import { InvalidArgumentError } from '@tfode/ode-core';
import { SeededRandom } from '@tfode/seeded-random';
import { splitControl } from './control-split';
import { lecunNormal } from './initialization';
import { Module } from './module';

export interface ConvBlockOptions {
  seed: number;
  /** Channels of the last 1×1 convolution's output; default the input's (a field ẋ = f(x)). */
  outputChannels?: number;
  /** Convolutions whose kernel and bias come per sample from θ: 'all', 'inner' (the 3×3), or indices 0–2. */
  controlled?: 'all' | 'inner' | number[];
}

/**
 * A size-preserving convolution with a kernel [k·k·C, K] shared ([2-D]) or per sample ([B, k·k·C, K]);
 * k ∈ {1, 3}, padding 'same', by im2col (@tfode/kernels' patches3x3) and a matMul, then `activation`
 * (a shared kernel runs as one fused `dense`). Not tf.conv2d: the wasm backend has no
 * Conv2DBackpropFilter, so a conv2d kernel could not be trained there.
 */
export function convSame(x: tf.Tensor4D, kernel: tf.Tensor, bias: tf.Tensor, size: 1 | 3, activation: 'linear' | 'relu' = 'linear'): tf.Tensor4D {
  const [batch, height, width, channels] = x.shape;
  const outputs = kernel.shape[kernel.rank - 1];
  return tf.tidy(() => {
    const columns = size === 3 ? patches3x3(x) : x;
    if (kernel.rank === 2) {
      const rows = tf.reshape(columns, [batch * height * width, size * size * channels]) as tf.Tensor2D;
      return tf.reshape(dense(rows, kernel as tf.Tensor2D, bias as tf.Tensor1D, activation), [batch, height, width, outputs]) as tf.Tensor4D;
    }
    const rows = tf.reshape(columns, [batch, height * width, size * size * channels]) as tf.Tensor3D;
    const out = tf.matMul(rows, kernel as tf.Tensor3D); // [B, HW, K]
    const z = tf.add(tf.reshape(out, [batch, height, width, outputs]), tf.reshape(bias, [batch, 1, 1, outputs])) as tf.Tensor4D;
    return activation === 'relu' ? tf.relu(z) : z;
  });
}

/**
 * The N-CODE image field (N-CODE App C.2): 1×1 (C → k) → ReLU → 3×3 (k → k) →
 * ReLU → 1×1 (k → C'), padding that keeps H×W; C' = C unless `outputChannels` says otherwise (data
 * control reads [x, x₀], a second-order field returns only accelerations). Some or all kernels may be
 * per-sample controls.
 */
export class ConvBlock extends Module {
  readonly channels: number;
  readonly filters: number;
  readonly outputChannels: number;
  readonly controlShapes: number[][];
  private readonly convs: Array<{ size: 1 | 3; params: { kernel: tf.Variable; bias: tf.Variable } | null }>;

  constructor(channels: number, filters: number, options: ConvBlockOptions) {
    super();
    for (const [what, n] of [['channels', channels], ['filters', filters]] as const) {
      if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`ConvBlock ${what} must be a positive integer, got ${n}`);
    }
    this.channels = channels;
    this.filters = filters;
    this.outputChannels = options.outputChannels ?? channels;
    if (!Number.isInteger(this.outputChannels) || this.outputChannels < 1) {
      throw new InvalidArgumentError(`ConvBlock outputChannels must be a positive integer, got ${this.outputChannels}`);
    }
    const c = options.controlled ?? [];
    const controlled = c === 'all' ? [0, 1, 2] : c === 'inner' ? [1] : c;
    if (controlled.some((i) => ![0, 1, 2].includes(i))) {
      throw new InvalidArgumentError(`ConvBlock controlled indices must be 0, 1 or 2, got [${controlled}]`);
    }
    const specs: Array<[1 | 3, number, number]> = [[1, channels, filters], [3, filters, filters], [1, filters, this.outputChannels]];
    const random = new SeededRandom(options.seed);
    this.controlShapes = [];
    this.convs = specs.map(([size, cin, cout], i) => {
      const fanIn = size * size * cin;
      if (controlled.includes(i)) {
        this.controlShapes.push([fanIn, cout], [cout]);
        return { size, params: null };
      }
      const kernel = this.addVariable(`kernel${i}`, lecunNormal([fanIn, cout], fanIn, random));
      return { size, params: { kernel, bias: this.addVariable(`bias${i}`, tf.zeros([cout])) } };
    });
  }

  get controlSize(): number {
    return this.controlShapes.reduce((n, s) => n + s[0] * (s[1] ?? 1), 0);
  }

  /** x: [B, H, W, channels]; θ: [B, controlSize] when some kernels are controlled. */
  apply(x: tf.Tensor, theta?: tf.Tensor): tf.Tensor4D {
    if (x.rank !== 4 || x.shape[3] !== this.channels) {
      throw new InvalidArgumentError(`ConvBlock expects x of shape [batch, height, width, ${this.channels}], got [${x.shape}]`);
    }
    if (this.controlShapes.length > 0 && theta === undefined) {
      throw new InvalidArgumentError(`this ConvBlock has controlled kernels: pass θ of shape [batch, ${this.controlSize}]`);
    }
    return tf.tidy(() => {
      const blocks = theta && this.controlShapes.length > 0 ? splitControl(theta, this.controlShapes) : [];
      let h = x as tf.Tensor4D;
      this.convs.forEach(({ size, params }, i) => {
        const [kernel, bias] = params ? [params.kernel, params.bias] : blocks.splice(0, 2);
        h = convSame(h, kernel, bias, size, i < 2 ? 'relu' : 'linear');
      });
      return h;
    });
  }
}
