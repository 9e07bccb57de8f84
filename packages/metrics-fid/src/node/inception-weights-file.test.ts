import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FidFileError } from '../errors';
import { loadFidInceptionV3, loadInceptionWeights } from './inception-weights-file';

const dir = mkdtempSync(join(tmpdir(), 'fid-weights-'));

describe('loadInceptionWeights', () => {
  it('reads a .pth, warns about a foreign SHA-256, and lists what does not match the architecture', async () => {
    const warnings: string[] = [];
    const load = loadInceptionWeights(join(__dirname, '..', '..', 'fixtures', 'state-dict-zip.pth'), (w) => warnings.push(w));
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

  it('loadFidInceptionV3 builds nothing from a missing or foreign file', async () => {
    await expect(loadFidInceptionV3(join(dir, 'none.pth'))).rejects.toThrow(/FID Inception weights not found at .*none.pth\. Download pt_inception-2015-12-05-6726825d.pth/);
    await expect(loadFidInceptionV3(join(dir, 'weights.json'))).rejects.toThrow(/is not the FID Inception-V3 state dict/);
  });
});

describe('tfjs weights manifests on hostile input', () => {
  // <root>/outside.bin beside <root>/models/<manifest>: shards must stay inside models/.
  const root = mkdtempSync(join(tmpdir(), 'fid-manifest-'));
  const models = join(root, 'models');
  mkdirSync(models);
  const sixFloats = new Uint8Array(Float32Array.of(1, 2, 3, 4, 5, 6).buffer);
  writeFileSync(join(root, 'outside.bin'), sixFloats);
  writeFileSync(join(models, 'inside.bin'), sixFloats);
  symlinkSync(join(root, 'outside.bin'), join(models, 'link-out.bin'));
  symlinkSync(join(root, 'missing.bin'), join(models, 'link-dangling.bin'));
  symlinkSync('inside.bin', join(models, 'link-in.bin'));
  const manifest = (paths: string[], shape = [6]) => {
    const path = join(models, `m${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(path, JSON.stringify([{ paths, weights: [{ name: 'fc.bias', shape, dtype: 'float32' }] }]));
    return path;
  };
  const refusal = (shard: string) => new RegExp(`weight shard ${shard.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} not found: shards must be regular files inside the manifest's folder$`);

  it('reads shards inside the folder, through symlinks that stay inside', async () => {
    // The architecture check is what fails: the shard itself was read.
    await expect(loadInceptionWeights(manifest(['link-in.bin']))).rejects.toThrow(/fc.bias has shape \[6\] instead of \[1008\]/);
  });

  it('refuses absolute paths, .. escapes and symlinks out, with one message whether or not the target exists', async () => {
    for (const shard of ['../../../../dev/zero', '/dev/zero', '../outside.bin', '../missing.bin', 'link-out.bin', 'link-dangling.bin', 'sub/../../outside.bin', join(root, 'outside.bin')]) {
      await expect(loadInceptionWeights(manifest([shard])), shard).rejects.toThrow(refusal(shard));
    }
  });

  it('reads no more than the weights need, and refuses shards that do not match', async () => {
    writeFileSync(join(models, 'long.bin'), new Uint8Array(28));
    await expect(loadInceptionWeights(manifest(['long.bin']))).rejects.toThrow(/shards hold 28 bytes but the weights need 24/);
    await expect(loadInceptionWeights(manifest(['inside.bin'], [7]))).rejects.toThrow(/shards end before fc.bias/);
    await expect(loadInceptionWeights(manifest(['inside.bin'], [2, -3]))).rejects.toThrow(FidFileError);
    await expect(loadInceptionWeights(manifest(['inside.bin'], [1e6, 1e6]))).rejects.toThrow(/more than 134217728 elements/);
    mkdirSync(join(models, 'folder.bin'));
    await expect(loadInceptionWeights(manifest(['folder.bin']))).rejects.toThrow(refusal('folder.bin'));
  });

  it('throws its typed error for manifests of the wrong structure', async () => {
    for (const text of ['[{}]', '[{"paths": "a.bin", "weights": []}]', '[{"paths": [], "weights": [{"name": 1}]}]', '[null]', '{"weightsManifest": [{"paths": [3], "weights": []}]}']) {
      const path = join(models, 'structure.json');
      writeFileSync(path, text);
      await expect(loadInceptionWeights(path), text).rejects.toThrow(FidFileError);
    }
  });
});
