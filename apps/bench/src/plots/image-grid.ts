import { Resvg } from '@resvg/resvg-js';
import { deflateSync } from 'node:zlib';

const crcTable = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** An 8-bit grey (1 channel) or RGB (3 channels) PNG of row-major `pixels` (PNG spec: IHDR, IDAT, IEND). */
export function encodePng(width: number, height: number, channels: 1 | 3, pixels: Uint8Array): Buffer {
  if (pixels.length !== width * height * channels) throw new Error(`encodePng: expected ${width * height * channels} bytes, got ${pixels.length}`);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = channels === 1 ? 0 : 2;
  const rows = Buffer.alloc(height * (1 + width * channels)); // filter byte 0 (none) before each row
  for (let y = 0; y < height; y++) rows.set(pixels.subarray(y * width * channels, (y + 1) * width * channels), y * (1 + width * channels) + 1);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', new Uint8Array())]);
}

export interface GridRow {
  label: string;
  /** Images, each height·width·channels values in [0, 1] (NHWC order). */
  images: Float32Array[];
}

export interface GridOptions {
  title: string;
  height: number;
  width: number;
  channels: 1 | 3;
  /** Screen pixels per image pixel; default 3. */
  zoom?: number;
  /** Optional caption under the grid (what the columns are). */
  caption?: string;
}

/** Labelled rows of images as one PNG: the pixels as an embedded PNG, titles and row labels as SVG text, rasterised by resvg. */
export function imageGridPng(rows: GridRow[], o: GridOptions): Uint8Array {
  const gap = 1;
  const columns = Math.max(...rows.map((r) => r.images.length));
  const gridW = columns * (o.width + gap) + gap;
  const gridH = rows.length * (o.height + gap) + gap;
  const pixels = new Uint8Array(gridW * gridH * o.channels).fill(255);
  rows.forEach((row, r) => row.images.forEach((image, c) => {
    for (let y = 0; y < o.height; y++) {
      for (let x = 0; x < o.width; x++) {
        for (let k = 0; k < o.channels; k++) {
          const value = image[(y * o.width + x) * o.channels + k];
          const at = ((gap + r * (o.height + gap) + y) * gridW + gap + c * (o.width + gap) + x) * o.channels + k;
          pixels[at] = Math.round(255 * Math.min(1, Math.max(0, value)));
        }
      }
    }
  }));
  const zoom = o.zoom ?? 3;
  const labelW = 10 + 7 * Math.max(...rows.map((r) => r.label.length));
  const top = 30;
  const bottom = o.caption ? 24 : 6;
  const svgW = labelW + gridW * zoom + 10;
  const svgH = top + gridH * zoom + bottom;
  const href = `data:image/png;base64,${encodePng(gridW, gridH, o.channels, pixels).toString('base64')}`;
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const labels = rows.map((row, r) =>
    `<text x="${labelW - 6}" y="${top + (gap + r * (o.height + gap) + o.height / 2) * zoom + 4}" text-anchor="end" font-size="12">${escape(row.label)}</text>`).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${svgW}" height="${svgH}">` +
    `<rect width="100%" height="100%" fill="white"/>` +
    `<text x="${svgW / 2}" y="20" text-anchor="middle" font-size="14" font-weight="bold">${escape(o.title)}</text>${labels}` +
    `<image x="${labelW}" y="${top}" width="${gridW * zoom}" height="${gridH * zoom}" href="${href}" style="image-rendering:optimizeSpeed"/>` +
    (o.caption ? `<text x="${svgW / 2}" y="${svgH - 8}" text-anchor="middle" font-size="11">${escape(o.caption)}</text>` : '') +
    '</svg>';
  return new Resvg(svg, { background: 'white', font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' } }).render().asPng();
}
