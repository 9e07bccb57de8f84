import * as tf from '@tensorflow/tfjs-core';
import { FidInputError } from './errors';
import {
  BATCH_NORM_EPSILON, type ConvSpec, convLayers, FEATURE_DIM, FID_INCEPTION_STAGES, INCEPTION_INPUT_SIZE, type LayerSpec,
} from './inception-architecture';
import { verifyInceptionWeights, type WeightMap } from './inception-weights';
import { seededInceptionWeights } from './seeded-weights';
import type { TorchTensor } from './torch-state-dict';

interface FoldedConv {
  readonly filter: tf.Tensor4D;
  readonly bias: tf.Tensor1D;
}

/**
 * The FID Inception-V3 feature extractor: images in [0, 1] → 2048-d pool features, as pytorch-fid's
 * InceptionV3([3]) (bilinear resize to 299×299 without align_corners, scale to [−1, 1], global mean).
 * BatchNorm is folded into each convolution at load time (inference statistics only).
 */
export class FidInceptionV3 {
  readonly featureDim = FEATURE_DIM;
  private disposed = false;

  private constructor(private readonly convs: ReadonlyMap<string, FoldedConv>) {}

  /**
   * Builds the network from the reference weights, verified first: `readTorchStateDict` of the bytes
   * of pt_inception-2015-12-05-6726825d.pth (in Node, `loadFidInceptionV3` reads the file).
   */
  static fromWeights(weights: WeightMap, label = 'weights'): FidInceptionV3 {
    verifyInceptionWeights(weights, label);
    const convs = new Map<string, FoldedConv>();
    for (const spec of convLayers()) convs.set(spec.name, foldBatchNorm(spec, weights));
    return new FidInceptionV3(convs);
  }

  /** The same architecture with seeded random weights, for tests and benchmarks (not for real FIDs). */
  static random(seed: number): FidInceptionV3 {
    return FidInceptionV3.fromWeights(seededInceptionWeights(seed), `seeded weights (${seed})`);
  }

  /**
   * 2048-d features of a batch of images [batch, height, width, channels] with values in [0, 1];
   * one channel is repeated to three (pytorch-fid converts images to RGB). Any size is resized to 299×299.
   */
  features(images: tf.Tensor4D): tf.Tensor2D {
    if (this.disposed) throw new FidInputError('FidInceptionV3.features: the network was disposed');
    if (images.rank !== 4 || (images.shape[3] !== 3 && images.shape[3] !== 1)) {
      throw new FidInputError(`FidInceptionV3.features: expected images [batch, height, width, 3 or 1], got [${images.shape}]`);
    }
    checkRange(images);
    return tf.tidy(() => {
      let x: tf.Tensor4D = images.shape[3] === 1 ? tf.tile(images, [1, 1, 1, 3]) : images;
      if (x.shape[1] !== INCEPTION_INPUT_SIZE || x.shape[2] !== INCEPTION_INPUT_SIZE) {
        // align_corners=False in torch = half-pixel centres here; neither antialiases when shrinking.
        x = tf.image.resizeBilinear(x, [INCEPTION_INPUT_SIZE, INCEPTION_INPUT_SIZE], false, true);
      }
      x = tf.sub(tf.mul(x, 2), 1);
      for (const stage of FID_INCEPTION_STAGES) {
        const input = x;
        const outputs = stage.branches.map((branch) => this.run(branch, input));
        x = outputs.length === 1 ? outputs[0] : tf.concat(outputs, 3);
      }
      return tf.mean(x, [1, 2]) as tf.Tensor2D;
    });
  }

  /** Frees the weights. */
  dispose(): void {
    for (const { filter, bias } of this.convs.values()) {
      filter.dispose();
      bias.dispose();
    }
    this.disposed = true;
  }

  private run(layers: readonly LayerSpec[], input: tf.Tensor4D): tf.Tensor4D {
    let x = input;
    for (const layer of layers) {
      if (layer.kind === 'conv') {
        const { filter, bias } = this.convs.get(layer.name)!;
        const [ph, pw] = layer.padding;
        x = tf.fused.conv2d({
          x, filter, bias, activation: 'relu', strides: layer.stride,
          pad: [[0, 0], [ph, ph], [pw, pw], [0, 0]],
        });
      } else if (layer.kind === 'pool') {
        // tfjs pools never count padded cells, like TensorFlow (and count_include_pad=False in torch).
        const pad = layer.padding === 1 ? 'same' : 'valid';
        x = layer.mode === 'avg' ? tf.avgPool(x, 3, layer.stride, pad) : tf.maxPool(x, 3, layer.stride, pad);
      } else {
        const from = x;
        x = tf.concat(layer.paths.map((path) => this.run(path, from)), 3);
      }
    }
    return x;
  }
}

/** Conv weight [out, in, kh, kw] and BatchNorm(γ, β, μ, σ²) → filter [kh, kw, in, out]·γ/√(σ²+ε) and bias β − μγ/√(σ²+ε). */
function foldBatchNorm(spec: ConvSpec, weights: WeightMap): FoldedConv {
  const values = (suffix: string) => numbers(weights.get(`${spec.name}.${suffix}`)!);
  const weight = values('conv.weight');
  const gamma = values('bn.weight');
  const beta = values('bn.bias');
  const mean = values('bn.running_mean');
  const variance = values('bn.running_var');
  const { inChannels: cin, outChannels: cout } = spec;
  const [kh, kw] = spec.kernel;
  const scale = Float64Array.from({ length: cout }, (_, o) => gamma[o] / Math.sqrt(variance[o] + BATCH_NORM_EPSILON));
  const filter = new Float32Array(kh * kw * cin * cout);
  for (let o = 0; o < cout; o++) {
    for (let i = 0; i < cin; i++) {
      for (let y = 0; y < kh; y++) {
        for (let x = 0; x < kw; x++) filter[((y * kw + x) * cin + i) * cout + o] = weight[((o * cin + i) * kh + y) * kw + x] * scale[o];
      }
    }
  }
  const bias = Float32Array.from({ length: cout }, (_, o) => beta[o] - mean[o] * scale[o]);
  return { filter: tf.tensor4d(filter, [kh, kw, cin, cout]), bias: tf.tensor1d(bias) };
}

function numbers(tensor: TorchTensor): ArrayLike<number> {
  return tensor.data as ArrayLike<number>;
}

function checkRange(images: tf.Tensor4D): void {
  const [min, max, sum] = tf.tidy(() => tf.stack([tf.min(images), tf.max(images), tf.sum(images)]).dataSync());
  if (Number.isNaN(sum) || Number.isNaN(min) || Number.isNaN(max)) throw new FidInputError('FidInceptionV3.features: images contain NaN');
  if (min < 0 || max > 1) {
    throw new FidInputError(`FidInceptionV3.features: image values span [${min}, ${max}]; scale them to [0, 1] (divide 8-bit pixels by 255)`);
  }
}
