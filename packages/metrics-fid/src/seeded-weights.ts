import { inceptionWeightManifest } from './inception-architecture';
import type { WeightMap } from './inception-weights';
import { SeededRandom } from '@tfode/seeded-random';
import type { TorchTensor } from './torch-state-dict';

/**
 * Random FID Inception weights from one seeded uniform stream, tensor by tensor in manifest order:
 * conv/fc weights He-uniform (±√(6/fan_in)), BatchNorm γ and running variance in [0.5, 1.5], β and
 * running mean in [−0.1, 0.1]. fixtures/make-fixtures.py draws the same numbers for its torch reference.
 */
export function seededInceptionWeights(seed: number): WeightMap {
  const random = new SeededRandom(seed);
  const weights = new Map<string, TorchTensor>();
  for (const { name, shape } of inceptionWeightManifest()) {
    const [low, high] = valueRange(name, shape);
    const data = new Float32Array(shape.reduce((a, b) => a * b, 1));
    for (let i = 0; i < data.length; i++) data[i] = low + (high - low) * random.uniform();
    weights.set(name, { dtype: 'float32', shape, data });
  }
  return weights;
}

function valueRange(name: string, shape: readonly number[]): [number, number] {
  if (name.endsWith('conv.weight') || name === 'fc.weight') {
    const bound = Math.sqrt(6 / shape.slice(1).reduce((a, b) => a * b, 1));
    return [-bound, bound];
  }
  if (name.endsWith('bn.weight') || name.endsWith('bn.running_var')) return [0.5, 1.5];
  return [-0.1, 0.1];
}
