import { describe, expect, it } from 'vitest';
import { FidFileError } from './errors';
import { verifyInceptionWeights } from './inception-weights';
import { seededInceptionWeights } from './seeded-weights';

describe('verifyInceptionWeights', () => {
  it('accepts exactly the reference tensors plus BatchNorm counters', () => {
    const weights = new Map(seededInceptionWeights(1));
    weights.set('Conv2d_1a_3x3.bn.num_batches_tracked', { dtype: 'int64', shape: [], data: BigInt64Array.of(0n) });
    expect(() => verifyInceptionWeights(weights, 'seeded')).not.toThrow();
    weights.set('AuxLogits.fc.bias', { dtype: 'float32', shape: [1008], data: new Float32Array(1008) });
    expect(() => verifyInceptionWeights(weights, 'seeded')).toThrow(/unexpected tensor AuxLogits.fc.bias/);
    weights.delete('AuxLogits.fc.bias');
    weights.set('fc.bias', { dtype: 'int32', shape: [1008], data: new Int32Array(1008) });
    expect(() => verifyInceptionWeights(weights, 'seeded')).toThrow(FidFileError);
  });
});

describe('verifyInceptionWeights on non-finite values', () => {
  it('refuses NaN and infinite weights, naming the first one', () => {
    const weights = new Map(seededInceptionWeights(1));
    const bias = weights.get('fc.bias')!;
    const data = Float32Array.from(bias.data as Float32Array);
    data[17] = Number.NaN;
    weights.set('fc.bias', { ...bias, data });
    expect(() => verifyInceptionWeights(weights, 'nan')).toThrow(/nan is not the FID Inception-V3 state dict: fc.bias\[17\] is NaN/);
  });
});
