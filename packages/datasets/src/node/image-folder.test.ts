import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp, { type Sharp } from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataFileError, InvalidArgumentError } from '../errors';
import { loadImageFolder } from './image-folder';

/** A width×height RGB image whose columns are coloured by `colour(column)`. */
function striped(width: number, height: number, colour: (column: number) => [number, number, number]): Sharp {
  const raw = Buffer.alloc(width * height * 3);
  for (let r = 0; r < height; r++) for (let c = 0; c < width; c++) raw.set(colour(c), (r * width + c) * 3);
  return sharp(raw, { raw: { width, height, channels: 3 } });
}

describe('loadImageFolder', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tfode-images-'));
    // 60×20: red left third, green middle third, blue right third. A centre crop to a square keeps only green.
    const thirds = (c: number): [number, number, number] => (c < 20 ? [255, 0, 0] : c < 40 ? [0, 255, 0] : [0, 0, 255]);
    await striped(60, 20, thirds).png().toFile(join(dir, 'a.png'));
    await striped(60, 20, thirds).jpeg({ quality: 95 }).toFile(join(dir, 'b.jpg'));
    await writeFile(join(dir, 'notes.txt'), 'not an image');
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('centre-crops to the output aspect ratio before resizing: a square crop of the thirds is pure green', async () => {
    const data = await loadImageFolder(dir, { size: 8, extensions: ['.png'] });
    expect(data.size).toBe(1);
    expect(data.xShape).toEqual([8, 8, 3]);
    expect(data.yShape).toEqual([0]);
    for (let i = 0; i < data.x.length; i += 3) expect(Array.from(data.x.subarray(i, i + 3))).toEqual([0, 255, 0]);
  });

  it('reads JPEG the same way, up to the format loss (4:2:0 chroma blurs colour edges)', async () => {
    const data = await loadImageFolder(dir, { size: 8, extensions: ['.JPG'] });
    expect(data.size).toBe(1);
    for (let i = 0; i < data.x.length; i += 3) {
      expect(data.x[i + 1]).toBeGreaterThan(200);
      expect(Math.max(data.x[i], data.x[i + 2])).toBeLessThan(60);
    }
  });

  it('keeps the halves of a wide crop: [4, 12] from 60×20 shows red, green and blue thirds', async () => {
    const data = await loadImageFolder(dir, { size: [4, 12], limit: 1 });
    const red = (c: number) => data.x[(1 * 12 + c) * 3];
    const blue = (c: number) => data.x[(1 * 12 + c) * 3 + 2];
    expect(red(0)).toBeGreaterThan(243);
    expect(blue(11)).toBeGreaterThan(243);
    expect(red(6)).toBeLessThan(12);
  });

  it('reads grey images and labels from class subfolders', async () => {
    const root = join(dir, 'classes');
    for (const [name, value] of [['cats', 40], ['dogs', 200]] as const) {
      await mkdir(join(root, name), { recursive: true });
      for (const k of [0, 1]) await striped(10, 10, () => [value, value, value]).png().toFile(join(root, name, `${k}.png`));
    }
    const data = await loadImageFolder(root, { size: 4, channels: 1, labels: 'subfolders' });
    expect(data.classNames).toEqual(['cats', 'dogs']);
    expect(Array.from(data.y)).toEqual([0, 0, 1, 1]);
    expect(data.x[0]).toBe(40);
    expect(data.x[3 * 16]).toBe(200);
  });

  it('refuses an output too large to allocate with a typed error, before decoding', async () => {
    await expect(loadImageFolder(dir, { size: 1_000_000, extensions: ['.png'] })).rejects.toThrow(InvalidArgumentError);
    await expect(loadImageFolder(dir, { size: 1_000_000, extensions: ['.png'] })).rejects.toThrow('1 images of 1000000×1000000×3 need 3000000000000 bytes');
  });

  it('names an unreadable image and a missing folder', async () => {
    const bad = join(dir, 'broken');
    await mkdir(bad);
    await writeFile(join(bad, 'x.png'), 'PNG? no');
    await expect(loadImageFolder(bad, { size: 4 })).rejects.toThrow(DataFileError);
    await expect(loadImageFolder(bad, { size: 4 })).rejects.toThrow(`${join(bad, 'x.png')}: cannot decode the image`);
    await expect(loadImageFolder(join(dir, 'nowhere'), { size: 4 })).rejects.toThrow(`${join(dir, 'nowhere')}: folder not found`);
    await expect(loadImageFolder(join(dir, 'classes'), { size: 4 })).rejects.toThrow('no image files');
  });
});
