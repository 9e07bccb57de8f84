import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderPlot, writePlot, type PlotSpec } from './plot';

const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from a PNG's IHDR chunk (bytes 16–23, big-endian). */
function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

const spec: PlotSpec = {
  width: 300,
  height: 200,
  data: { values: [{ x: 1, y: 2 }, { x: 2, y: 4 }, { x: 3, y: 1 }] },
  mark: 'line',
  encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } },
};

describe('renderPlot', () => {
  it('renders Vega-Lite to an SVG and a PNG at twice the SVG size', async () => {
    const { svg, png } = await renderPlot(spec);
    expect(svg.startsWith('<svg')).toBe(true);
    const svgWidth = Number(/width="(\d+(?:\.\d+)?)"/.exec(svg)?.[1]);
    const svgHeight = Number(/height="(\d+(?:\.\d+)?)"/.exec(svg)?.[1]);
    expect(svgWidth).toBeGreaterThan(300); // plot area plus axes
    expect([...png.subarray(0, 8)]).toEqual(pngSignature);
    expect(String.fromCharCode(...png.subarray(12, 16))).toBe('IHDR');
    expect(pngSize(png)).toEqual({ width: Math.round(2 * svgWidth), height: Math.round(2 * svgHeight) });
  });

  it('writes <name>.svg and <name>.png', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'tfode-bench-plot-'));
    const paths = await writePlot(folder, { name: 'curve', title: 'a curve', spec });
    expect(paths).toEqual({ svg: join(folder, 'curve.svg'), png: join(folder, 'curve.png') });
    expect([...(await readFile(paths.png)).subarray(0, 8)]).toEqual(pngSignature);
    expect(await readFile(paths.svg, 'utf8')).toContain('</svg>');
  });
});
