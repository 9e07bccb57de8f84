import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import pngjs from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FidInputError } from '../errors';
import type { FidProgress } from '../fid';
import { FidInceptionV3 } from '../fid-inception';
import { frechetDistance } from '../frechet-distance';
import { computeStatistics, fid } from './fid-files';
import { saveStatistics } from './statistics-file';

// Real forward passes at 299×299: run on wasm, restore the backend afterwards.
describe('fid / computeStatistics (seeded random network)', () => {
  let previousBackend: string;
  let network: FidInceptionV3;
  const dir = mkdtempSync(join(tmpdir(), 'fid-api-'));
  beforeAll(async () => {
    previousBackend = tf.getBackend();
    await tf.setBackend('wasm');
    network = FidInceptionV3.random(5);
  });
  afterAll(async () => {
    network.dispose();
    await tf.setBackend(previousBackend);
  });

  it('streams batches to the same statistics as one batch, reports progress, and does not leak', async () => {
    const images = tf.randomUniform([3, 16, 16, 3], 0, 1, 'float32', 1) as tf.Tensor4D;
    const progress: FidProgress[] = [];
    const before = tf.memory().numTensors;
    const batched = await computeStatistics(images, { network, batchSize: 2, onProgress: (p) => progress.push(p), keepFeatures: true });
    expect(tf.memory().numTensors).toBe(before);
    expect(progress.map((p) => p.done)).toEqual([2, 3]);
    expect(progress.every((p) => p.total === 3 && p.imagesPerSecond > 0)).toBe(true);
    const whole = await computeStatistics(images, { network, batchSize: 3 });
    const scale = whole.statistics.covariance.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    const worst = batched.statistics.covariance.reduce((m, v, i) => Math.max(m, Math.abs(v - whole.statistics.covariance[i])), 0);
    expect(worst).toBeLessThan(1e-5 * scale);
    // The kept features reproduce the mean.
    const f = batched.features!;
    for (const i of [0, 100, 2047]) expect((f.data[i] + f.data[2048 + i] + f.data[4096 + i]) / 3).toBeCloseTo(batched.statistics.mean[i], 5);
    images.dispose();
  });

  it('reads an image folder exactly like the same pixels given as a tensor, and scores FID + KID', async () => {
    const pixels = [0, 1, 2].map((k) => Uint8Array.from({ length: 12 * 12 * 4 }, (_, i) => (i * 37 + k * 91) % 256));
    const folder = mkdtempSync(join(dir, 'a-'));
    pixels.forEach((data, k) => {
      const png = new pngjs.PNG({ width: 12, height: 12 });
      png.data.set(data);
      writeFileSync(join(folder, `${k}.png`), pngjs.PNG.sync.write(png));
    });
    const tensor = tf.tidy(() => tf.div(tf.stack(pixels.map((data) => tf.slice(tf.tensor3d(data, [12, 12, 4], 'int32'), [0, 0, 0], [12, 12, 3]))), 255)) as tf.Tensor4D;
    const fromFolder = await computeStatistics(folder, { network, batchSize: 2 });
    const fromTensor = await computeStatistics(tensor, { network });
    expect(Array.from(fromFolder.statistics.mean)).toEqual(Array.from(fromTensor.statistics.mean));
    const other = tf.randomUniform([3, 10, 10, 3], 0, 0.5, 'float32', 3) as tf.Tensor4D;
    const before = tf.memory().numTensors;
    const result = await fid(folder, other, { network, kid: { subsets: 2, subsetSize: 3 } });
    expect(tf.memory().numTensors).toBe(before);
    expect(Array.from(result.statistics[0].mean)).toEqual(Array.from(fromFolder.statistics.mean));
    expect(result.fid).toBeGreaterThan(0);
    expect(result.imagesPerSecond).toBeGreaterThan(0);
    expect(result.kid!.subsetSize).toBe(3);
    expect(Number.isFinite(result.kid!.mean)).toBe(true);
    tf.dispose([tensor, other]);
  });

  it('takes saved statistics files on either side', async () => {
    const fixture = join(__dirname, '..', '..', 'fixtures', 'stats-pytorch-fid.npz');
    const shifted = join(dir, 'shifted.npz');
    const stats = await fid(fixture, fixture);
    await saveStatistics(shifted, { ...stats.statistics[0], mean: stats.statistics[0].mean.map((v) => v + 1) });
    const result = await fid(fixture, shifted);
    expect(result.fid).toBeCloseTo(3, 12); // ‖Δμ‖² = 3, same Σ
    expect(result.fid).toBe(frechetDistance(stats.statistics[0], result.statistics[1]));
    expect(result.imagesPerSecond).toBeUndefined();
  });

  it('explains what is missing', async () => {
    const stats = { dim: 1, mean: Float64Array.of(0), covariance: Float64Array.of(1) };
    await expect(fid(join(dir, 'nope'), stats)).rejects.toThrow(/neither an image folder nor a .npz/);
    await expect(fid(dir, stats)).rejects.toThrow(/pass \{ weights: '<path>\/pt_inception-2015-12-05-6726825d.pth' \}/);
    await expect(fid(dir, stats, { weights: join(dir, 'missing.pth') })).rejects.toThrow(
      /weights not found at .*missing.pth\. Download pt_inception-2015-12-05-6726825d.pth \(SHA-256 starts with 6726825d/,
    );
    await expect(fid(stats, stats, { kid: true })).rejects.toThrow(FidInputError);
    expect((await fid(stats, stats)).fid).toBe(0);
  });
});
