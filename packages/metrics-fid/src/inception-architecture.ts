/**
 * The FID variant of Inception-V3 as data: the TensorFlow 2015-12-05 graph in the layout of
 * pytorch-fid's port (torchvision's Inception3 with FIDInceptionA/C/E_1/E_2 blocks). Names and
 * order follow the reference state dict, `<block>.<branch>.conv.weight` and `.bn.*`.
 */

/** Conv (no bias) → BatchNorm(eps 1e-3) → ReLU, torchvision's BasicConv2d. */
export interface ConvSpec {
  readonly kind: 'conv';
  readonly name: string;
  readonly inChannels: number;
  readonly outChannels: number;
  readonly kernel: readonly [number, number];
  readonly stride: number;
  readonly padding: readonly [number, number];
}

/** 3×3 pooling; 'avg' never counts padding (TensorFlow semantics), 'max' ignores it. */
export interface PoolSpec {
  readonly kind: 'pool';
  readonly mode: 'avg' | 'max';
  readonly stride: 1 | 2;
  readonly padding: 0 | 1;
}

/** Parallel paths on the same input, concatenated along channels (InceptionE's 1×3 / 3×1 pairs). */
export interface SplitSpec {
  readonly kind: 'split';
  readonly paths: readonly (readonly LayerSpec[])[];
}

export type LayerSpec = ConvSpec | PoolSpec | SplitSpec;

/** One stage: branches run on the same input and are concatenated along channels in this order. */
export interface StageSpec {
  readonly name: string;
  readonly branches: readonly (readonly LayerSpec[])[];
}

export const BATCH_NORM_EPSILON = 1e-3;
export const INCEPTION_INPUT_SIZE = 299;
export const FEATURE_DIM = 2048;
/** The reference graph's classifier (1008 classes); its weights are in the file but unused for features. */
export const CLASSIFIER_CLASSES = 1008;

function conv(name: string, inChannels: number, outChannels: number, kernel: number | [number, number], stride = 1, padding: number | [number, number] = 0): ConvSpec {
  const k: [number, number] = typeof kernel === 'number' ? [kernel, kernel] : kernel;
  const p: [number, number] = typeof padding === 'number' ? [padding, padding] : padding;
  return { kind: 'conv', name, inChannels, outChannels, kernel: k, stride, padding: p };
}

const maxPoolStride2: PoolSpec = { kind: 'pool', mode: 'max', stride: 2, padding: 0 };
const pool3x3 = (mode: 'avg' | 'max'): PoolSpec => ({ kind: 'pool', mode, stride: 1, padding: 1 });

/** FIDInceptionA: 1×1, 5×5, double 3×3, and a padding-excluding average pool. */
function inceptionA(name: string, inChannels: number, poolFeatures: number): StageSpec {
  return {
    name,
    branches: [
      [conv(`${name}.branch1x1`, inChannels, 64, 1)],
      [conv(`${name}.branch5x5_1`, inChannels, 48, 1), conv(`${name}.branch5x5_2`, 48, 64, 5, 1, 2)],
      [conv(`${name}.branch3x3dbl_1`, inChannels, 64, 1), conv(`${name}.branch3x3dbl_2`, 64, 96, 3, 1, 1), conv(`${name}.branch3x3dbl_3`, 96, 96, 3, 1, 1)],
      [pool3x3('avg'), conv(`${name}.branch_pool`, inChannels, poolFeatures, 1)],
    ],
  };
}

/** InceptionB (Mixed_6a): grid reduction 35 → 17. */
function inceptionB(name: string, inChannels: number): StageSpec {
  return {
    name,
    branches: [
      [conv(`${name}.branch3x3`, inChannels, 384, 3, 2)],
      [conv(`${name}.branch3x3dbl_1`, inChannels, 64, 1), conv(`${name}.branch3x3dbl_2`, 64, 96, 3, 1, 1), conv(`${name}.branch3x3dbl_3`, 96, 96, 3, 2)],
      [maxPoolStride2],
    ],
  };
}

/** FIDInceptionC: factorised 7×7 convolutions. */
function inceptionC(name: string, channels7x7: number): StageSpec {
  const c7 = channels7x7;
  const row = (branch: string, from: number, to: number) => conv(`${name}.${branch}`, from, to, [1, 7], 1, [0, 3]);
  const col = (branch: string, from: number, to: number) => conv(`${name}.${branch}`, from, to, [7, 1], 1, [3, 0]);
  return {
    name,
    branches: [
      [conv(`${name}.branch1x1`, 768, 192, 1)],
      [conv(`${name}.branch7x7_1`, 768, c7, 1), row('branch7x7_2', c7, c7), col('branch7x7_3', c7, 192)],
      [
        conv(`${name}.branch7x7dbl_1`, 768, c7, 1), col('branch7x7dbl_2', c7, c7), row('branch7x7dbl_3', c7, c7),
        col('branch7x7dbl_4', c7, c7), row('branch7x7dbl_5', c7, 192),
      ],
      [pool3x3('avg'), conv(`${name}.branch_pool`, 768, 192, 1)],
    ],
  };
}

/** InceptionD (Mixed_7a): grid reduction 17 → 8. */
function inceptionD(name: string): StageSpec {
  return {
    name,
    branches: [
      [conv(`${name}.branch3x3_1`, 768, 192, 1), conv(`${name}.branch3x3_2`, 192, 320, 3, 2)],
      [
        conv(`${name}.branch7x7x3_1`, 768, 192, 1), conv(`${name}.branch7x7x3_2`, 192, 192, [1, 7], 1, [0, 3]),
        conv(`${name}.branch7x7x3_3`, 192, 192, [7, 1], 1, [3, 0]), conv(`${name}.branch7x7x3_4`, 192, 192, 3, 2),
      ],
      [maxPoolStride2],
    ],
  };
}

/** FIDInceptionE_1 (pool 'avg') and FIDInceptionE_2 (pool 'max', a quirk of the reference graph). */
function inceptionE(name: string, inChannels: number, pool: 'avg' | 'max'): StageSpec {
  const pair = (prefix: string, suffixA: string, suffixB: string): SplitSpec => ({
    kind: 'split',
    paths: [
      [conv(`${name}.${prefix}${suffixA}`, 384, 384, [1, 3], 1, [0, 1])],
      [conv(`${name}.${prefix}${suffixB}`, 384, 384, [3, 1], 1, [1, 0])],
    ],
  });
  return {
    name,
    branches: [
      [conv(`${name}.branch1x1`, inChannels, 320, 1)],
      [conv(`${name}.branch3x3_1`, inChannels, 384, 1), pair('branch3x3_', '2a', '2b')],
      [conv(`${name}.branch3x3dbl_1`, inChannels, 448, 1), conv(`${name}.branch3x3dbl_2`, 448, 384, 3, 1, 1), pair('branch3x3dbl_', '3a', '3b')],
      [pool3x3(pool), conv(`${name}.branch_pool`, inChannels, 192, 1)],
    ],
  };
}

/** The whole feature extractor, input (299×299×3 in [−1, 1]) to the 8×8×2048 map before global pooling. */
export const FID_INCEPTION_STAGES: readonly StageSpec[] = [
  {
    name: 'stem',
    branches: [[
      conv('Conv2d_1a_3x3', 3, 32, 3, 2), conv('Conv2d_2a_3x3', 32, 32, 3), conv('Conv2d_2b_3x3', 32, 64, 3, 1, 1), maxPoolStride2,
      conv('Conv2d_3b_1x1', 64, 80, 1), conv('Conv2d_4a_3x3', 80, 192, 3), maxPoolStride2,
    ]],
  },
  inceptionA('Mixed_5b', 192, 32),
  inceptionA('Mixed_5c', 256, 64),
  inceptionA('Mixed_5d', 288, 64),
  inceptionB('Mixed_6a', 288),
  inceptionC('Mixed_6b', 128),
  inceptionC('Mixed_6c', 160),
  inceptionC('Mixed_6d', 160),
  inceptionC('Mixed_6e', 192),
  inceptionD('Mixed_7a'),
  inceptionE('Mixed_7b', 1280, 'avg'),
  inceptionE('Mixed_7c', 2048, 'max'),
];

/** Every conv layer in state-dict order (registration order of the reference modules). */
export function convLayers(stages: readonly StageSpec[] = FID_INCEPTION_STAGES): ConvSpec[] {
  const out: ConvSpec[] = [];
  const visit = (layers: readonly LayerSpec[]) => {
    for (const layer of layers) {
      if (layer.kind === 'conv') out.push(layer);
      else if (layer.kind === 'split') layer.paths.forEach(visit);
    }
  };
  stages.forEach((stage) => stage.branches.forEach(visit));
  return out;
}

export interface ManifestEntry {
  readonly name: string;
  readonly shape: readonly number[];
}

/** Names and shapes of every tensor the reference weight file must hold (num_batches_tracked aside). */
export function inceptionWeightManifest(): ManifestEntry[] {
  const entries: ManifestEntry[] = [];
  for (const layer of convLayers()) {
    entries.push({ name: `${layer.name}.conv.weight`, shape: [layer.outChannels, layer.inChannels, ...layer.kernel] });
    for (const part of ['weight', 'bias', 'running_mean', 'running_var']) entries.push({ name: `${layer.name}.bn.${part}`, shape: [layer.outChannels] });
  }
  entries.push({ name: 'fc.weight', shape: [CLASSIFIER_CLASSES, FEATURE_DIM] }, { name: 'fc.bias', shape: [CLASSIFIER_CLASSES] });
  return entries;
}
