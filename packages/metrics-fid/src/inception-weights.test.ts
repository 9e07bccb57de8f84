import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FidFileError } from './errors';
import { loadInceptionWeights, verifyInceptionWeights } from './inception-weights';
import { seededInceptionWeights } from './seeded-weights';

const dir = mkdtempSync(join(tmpdir(), 'fid-weights-'));

describe('loadInceptionWeights', () => {
  it('reads a .pth, warns about a foreign SHA-256, and lists what does not match the architecture', async () => {
    const warnings: string[] = [];
    const load = loadInceptionWeights(join(__dirname, '..', 'fixtures', 'state-dict-zip.pth'), (w) => warnings.push(w));
    await expect(load).rejects.toThrow(/is not the FID Inception-V3 state dict: unexpected tensor 0.weight;.* and 480 more\. Download/);
    expect(warnings[0]).toMatch(/differs from the reference pt_inception-2015-12-05-6726825d.pth/);
  });

  it('reads a tfjs weights manifest and its shards, checking names and shapes', async () => {
    writeFileSync(join(dir, 'shard1.bin'), new Uint8Array(Float32Array.of(1, 2, 3, 4, 5, 6).buffer));
    const manifest = [{ paths: ['shard1.bin'], weights: [{ name: 'fc.bias', shape: [6], dtype: 'float32' }] }];
    writeFileSync(join(dir, 'weights.json'), JSON.stringify({ weightsManifest: manifest }));
    await expect(loadInceptionWeights(join(dir, 'weights.json'))).rejects.toThrow(/fc.bias has shape \[6\] instead of \[1008\]/);
    writeFileSync(join(dir, 'missing-shard.json'), JSON.stringify([{ ...manifest[0], paths: ['nope.bin'] }]));
    await expect(loadInceptionWeights(join(dir, 'missing-shard.json'))).rejects.toThrow(/weight shard nope.bin not found/);
    const quantized = [{ ...manifest[0], weights: [{ name: 'fc.bias', shape: [6], dtype: 'float32', quantization: { dtype: 'uint8' } }] }];
    writeFileSync(join(dir, 'quantized.json'), JSON.stringify(quantized));
    await expect(loadInceptionWeights(join(dir, 'quantized.json'))).rejects.toThrow(/only unquantized float32/);
  });

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
