import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import jpeg from 'jpeg-js';
import pngjs from 'pngjs';
import { describe, expect, it } from 'vitest';
import { listImages, readImageBatch } from './image-folder';

function writePng(path: string, width: number, height: number, pixel: (x: number, y: number) => [number, number, number, number]) {
  const png = new pngjs.PNG({ width, height });
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) png.data.set(pixel(x, y), (y * width + x) * 4);
  writeFileSync(path, pngjs.PNG.sync.write(png));
}

describe('image folders', () => {
  const dir = mkdtempSync(join(tmpdir(), 'fid-images-'));
  writePng(join(dir, 'b.png'), 3, 2, (x, y) => [x * 100, y * 255, 7, 128]);
  writePng(join(dir, 'a.png'), 3, 2, () => [255, 0, 51, 255]);
  writeFileSync(join(dir, 'c.jpg'), jpeg.encode({ width: 4, height: 4, data: new Uint8Array(64).fill(200) }, 100).data);
  writeFileSync(join(dir, 'notes.txt'), 'ignored');

  it('lists PNG and JPEG files sorted by name', async () => {
    expect((await listImages(dir)).map((p) => p.slice(dir.length + 1))).toEqual(['a.png', 'b.png', 'c.jpg']);
    await expect(listImages(join(dir, 'nope'))).rejects.toThrow(/cannot list image folder/);
    await expect(listImages(mkdtempSync(join(tmpdir(), 'fid-empty-')))).rejects.toThrow(/holds no .png/);
  });

  it('decodes to RGB in [0, 1], dropping alpha, without leaking tensors', async () => {
    const before = tf.memory().numTensors;
    const batch = await readImageBatch([join(dir, 'a.png'), join(dir, 'b.png')]);
    expect(tf.memory().numTensors).toBe(before + 1);
    expect(batch.shape).toEqual([2, 2, 3, 3]);
    const v = batch.arraySync();
    expect(v[0][0][0]).toEqual([1, 0, 51 / 255].map(Math.fround));
    expect(v[1][1][2]).toEqual([200 / 255, 1, 7 / 255].map(Math.fround));
    batch.dispose();
  });

  it('resizes mixed sizes to 299×299 so they share a batch', async () => {
    const batch = await readImageBatch([join(dir, 'a.png'), join(dir, 'c.jpg')]);
    expect(batch.shape).toEqual([2, 299, 299, 3]);
    const data = batch.dataSync();
    expect(Math.abs(data[299 * 299 * 3] - 200 / 255)).toBeLessThan(3 / 255); // a flat JPEG stays flat
    batch.dispose();
  });
});
