import type { GridCell } from '../metrics/decision-grid';
import type { Plot } from './plot';

/** A model's decision grid and the labelled points to draw over it. */
export interface DecisionPanel {
  panel: string;
  cells: GridCell[];
  points: Array<{ x: number; y: number; label: string }>;
}

/**
 * Soft decision boundaries (N-CODE Fig 5 left): a heatmap of P(class 1) per model with the data on
 * top (shape per class), one facet per model, the 0.5 level where the colour turns white.
 */
export function decisionBoundaryPlot(name: string, title: string, panels: DecisionPanel[], options: { valueTitle: string; columns?: number }): Plot {
  const values = panels.flatMap(({ panel, cells, points }) => [
    ...cells.map((cell) => ({ panel, kind: 'cell', ...cell })),
    ...points.map((point) => ({ panel, kind: 'point', ...point })),
  ]);
  const axis = (field: string, axisTitle: string) => ({ field, type: 'quantitative', title: axisTitle, scale: { nice: false } });
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    data: { values },
    facet: { field: 'panel', type: 'nominal', title: null, sort: panels.map((p) => p.panel) },
    columns: options.columns ?? 4,
    spec: {
      width: 190,
      height: 190,
      layer: [
        {
          transform: [{ filter: "datum.kind === 'cell'" }],
          mark: { type: 'rect' },
          encoding: {
            x: axis('x', 'x₁'),
            x2: { field: 'x2' },
            y: axis('y', 'x₂'),
            y2: { field: 'y2' },
            color: { field: 'value', type: 'quantitative', title: options.valueTitle, scale: { scheme: 'blueorange', domain: [0, 1], domainMid: 0.5 } },
          },
        },
        {
          transform: [{ filter: "datum.kind === 'point'" }],
          mark: { type: 'point', size: 10, strokeWidth: 1, color: 'black', filled: false },
          encoding: { x: axis('x', 'x₁'), y: axis('y', 'x₂'), shape: { field: 'label', type: 'nominal', title: 'class', scale: { range: ['circle', 'cross'] } } },
        },
      ],
    },
  };
  return { name, title, spec: spec as Plot['spec'] };
}
