import type { Plot } from './plot';

/** One point of a curve: `series` names the curve (the legend), `panel` the facet it is drawn in. */
export interface CurvePoint {
  panel?: string;
  series: string;
  x: number;
  y: number;
}

export interface LinePlotOptions {
  name: string;
  title: string;
  points: CurvePoint[];
  xTitle: string;
  yTitle: string;
  /** 'log' for losses and errors spanning decades. Default 'linear'. */
  yScale?: 'linear' | 'log';
  legendTitle?: string;
  /** Facet columns when points carry panels. Default 3. */
  columns?: number;
  /** Horizontal reference lines (e.g. chance level), labelled in the legend as their own series. */
  rules?: Array<{ label: string; y: number }>;
}

/** Curves (loss, accuracy, NFE, error against steps or order), one colour per series, faceted by panel. */
export function linePlot(options: LinePlotOptions): Plot {
  const { name, title, points, xTitle, yTitle, yScale = 'linear', legendTitle = null, columns = 3, rules = [] } = options;
  const finite = points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y) && (yScale === 'linear' || p.y > 0));
  const series = [...new Set(finite.map((p) => p.series))];
  const layerSpec = {
    width: 260,
    height: 180,
    layer: [
      {
        mark: { type: 'line', strokeWidth: 1.8, clip: true },
        encoding: {
          x: { field: 'x', type: 'quantitative', title: xTitle },
          y: { field: 'y', type: 'quantitative', title: yTitle, scale: yScale === 'log' ? { type: 'log' } : { zero: false } },
          color: { field: 'series', type: 'nominal', title: legendTitle, sort: series, legend: { labelLimit: 400 }, scale: { scheme: series.length > 10 ? 'tableau20' : 'category10' } },
          order: { field: 'x', type: 'quantitative' },
        },
      },
      ...rules.flatMap((rule) => [
        { mark: { type: 'rule', strokeDash: [4, 4], color: 'gray' }, encoding: { y: { datum: rule.y } } },
        { mark: { type: 'text', align: 'left', dy: -7, color: 'gray', text: rule.label }, encoding: { y: { datum: rule.y }, x: { value: 4 } } },
      ]),
    ],
  };
  const faceted = finite.some((p) => p.panel !== undefined);
  const spec = faceted
    ? {
        $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
        title,
        data: { values: finite },
        facet: { field: 'panel', type: 'nominal', title: null, sort: [...new Set(finite.map((p) => p.panel))] },
        columns,
        spec: layerSpec,
        resolve: { scale: { y: 'independent' } },
      }
    : { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', title, data: { values: finite }, ...layerSpec, width: 420, height: 260 };
  return { name, title, spec: spec as Plot['spec'] };
}
