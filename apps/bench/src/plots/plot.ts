import { Resvg } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { join } from 'node:path';
import { writeFileAtomic } from '@tfode/ncode/node';

export type PlotSpec = TopLevelSpec;

/** A named plot: written as `<name>.svg` and `<name>.png`. */
export interface Plot {
  name: string;
  title: string;
  spec: PlotSpec;
}

// resvg maps generic families to fonts that Linux rarely has (Arial, Times); name common free ones.
const sansSerif = 'DejaVu Sans';

/**
 * Renders a Vega-Lite spec headless: Vega-Lite → Vega → SVG (Vega's string renderer, no DOM, no
 * canvas), then SVG → PNG with resvg at `scale`× for sharp lines. Text uses the system's fonts.
 */
export async function renderPlot(spec: PlotSpec, scale = 2): Promise<{ svg: string; png: Uint8Array }> {
  const themed: PlotSpec = {
    ...spec,
    background: 'white',
    config: { font: sansSerif, ...spec.config },
  } as PlotSpec;
  const view = new vega.View(vega.parse(compile(themed).spec), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    const png = new Resvg(svg, {
      background: 'white',
      fitTo: { mode: 'zoom', value: scale },
      font: { loadSystemFonts: true, defaultFontFamily: sansSerif, sansSerifFamily: sansSerif },
    })
      .render()
      .asPng();
    return { svg, png };
  } finally {
    view.finalize();
  }
}

/** Renders `plot` and writes `<folder>/<name>.svg` and `.png` atomically; returns both paths. */
export async function writePlot(folder: string, plot: Plot): Promise<{ svg: string; png: string }> {
  const { svg, png } = await renderPlot(plot.spec);
  const paths = { svg: join(folder, `${plot.name}.svg`), png: join(folder, `${plot.name}.png`) };
  await writeFileAtomic(paths.svg, svg);
  await writeFileAtomic(paths.png, png);
  return paths;
}
