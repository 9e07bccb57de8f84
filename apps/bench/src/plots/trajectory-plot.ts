import type { Plot } from './plot';

/** One sample of one trajectory: its value(s) at time t. */
export interface TrajectorySample {
  /** The model (facet). */
  panel: string;
  /** Which trajectory (one line each). */
  trajectory: number;
  t: number;
  /** First state coordinate. */
  x: number;
  /** Second state coordinate (state-space flows). */
  y?: number;
  /** What colours the line: its start value (over time) or its class (flows). */
  group: number | string;
}

const schema = 'https://vega.github.io/schema/vega-lite/v6.json';

function facet(samples: TrajectorySample[], columns: number) {
  return { facet: { field: 'panel', type: 'nominal', title: null, sort: [...new Set(samples.map((s) => s.panel))] }, columns };
}

/** x(t) against t, one line per start value, coloured by it (N-CODE Fig 4, Dissecting Fig 3/5). */
export function trajectoriesOverTimePlot(name: string, title: string, samples: TrajectorySample[], options: { tTitle: string; xTitle: string; columns?: number }): Plot {
  const spec = {
    $schema: schema,
    title,
    data: { values: samples },
    ...facet(samples, options.columns ?? 3),
    spec: {
      width: 240,
      height: 190,
      mark: { type: 'line', strokeWidth: 1.4 },
      encoding: {
        x: { field: 't', type: 'quantitative', title: options.tTitle },
        y: { field: 'x', type: 'quantitative', title: options.xTitle },
        detail: { field: 'trajectory', type: 'nominal' },
        color: { field: 'group', type: 'quantitative', title: 'x(0)', scale: { scheme: 'redblue' } },
        order: { field: 't', type: 'quantitative' },
      },
    },
  };
  return { name, title, spec: spec as Plot['spec'] };
}

/** Paths in the first two state coordinates, coloured by class, start as a hollow circle and end as a dot (Dissecting Fig 7). */
export function stateSpaceFlowPlot(name: string, title: string, samples: TrajectorySample[], options: { columns?: number; groupTitle: string }): Plot {
  const lastT = new Map<string, number>();
  const firstT = new Map<string, number>();
  for (const s of samples) {
    const key = `${s.panel}/${s.trajectory}`;
    lastT.set(key, Math.max(lastT.get(key) ?? -Infinity, s.t));
    firstT.set(key, Math.min(firstT.get(key) ?? Infinity, s.t));
  }
  const values = samples.map((s) => {
    const key = `${s.panel}/${s.trajectory}`;
    return { ...s, end: s.t === lastT.get(key), start: s.t === firstT.get(key) };
  });
  const position = {
    x: { field: 'x', type: 'quantitative', title: 'z₁' },
    y: { field: 'y', type: 'quantitative', title: 'z₂' },
    color: { field: 'group', type: 'nominal', title: options.groupTitle, scale: { scheme: 'set1' } },
  };
  const spec = {
    $schema: schema,
    title,
    data: { values },
    ...facet(samples, options.columns ?? 4),
    spec: {
      width: 200,
      height: 200,
      layer: [
        { mark: { type: 'line', strokeWidth: 0.9, opacity: 0.6 }, encoding: { ...position, detail: { field: 'trajectory', type: 'nominal' }, order: { field: 't', type: 'quantitative' } } },
        { transform: [{ filter: 'datum.start' }], mark: { type: 'point', size: 14, opacity: 0.8 }, encoding: position },
        { transform: [{ filter: 'datum.end' }], mark: { type: 'circle', size: 16, opacity: 1 }, encoding: position },
      ],
    },
    resolve: { scale: { x: 'independent', y: 'independent' } },
  };
  return { name, title, spec: spec as Plot['spec'] };
}
