import * as tf from '@tensorflow/tfjs-core';
import { trackingTask, type SignalComponent } from '@tfode/datasets';
import { bucket, fourier, type TimeBasis } from '@tfode/nanode-bases';
import { stateTrajectories } from '../metrics/model-trajectories';
import { trackingError } from '../metrics/tracking-error';
import { linePlot } from '../plots/line-plot';
import { check, type Measured, type PaperClaim } from '../report/paper-claims';
import type { Table } from '../report/report';
import { withProgress } from '../runtime/progress';
import { computeEveryUnit, type UnitCache } from '../runtime/unit-cache';
import type { ModelSolver } from '../training/model-solver';
import { trainTracker } from '../training/tracker-training';
import { experimentCommand, seeded } from './experiment';

/**
 * The task: follow a 3-D signal over the depth s ∈ [0, 1] whose coordinates oscillate 0.7, 1.6 and
 * 2.9 times. A NODE's weights θ(s) must carry that depth dependence, so the training fit measures
 * what the basis can express in depth and nothing else (NANODE Fig 4–5 measure it on CIFAR-10).
 * The frequencies are not whole numbers, so the signal is not periodic on [0, 1] (β(1) ≠ β(0)) and
 * lies in the span of no trigonometric basis fourier(d, [0, 1]) (NANODE Eq 8, frequencies 1…d per
 * unit depth); being smooth, it is not piecewise constant either, so no bucketed basis (Eq 6) fits it
 * exactly. Neither family is handed the answer, which whole-number frequencies would give the
 * trigonometric one.
 */
export const orderSignal: SignalComponent[] = [
  { amplitude: 1, frequency: 0.7, phase: 0 },
  { amplitude: 1, frequency: 1.6, phase: Math.PI / 2 },
  { amplitude: 0.5, frequency: 2.9, phase: 0 },
];

export interface NanodeOrderConfig {
  orders: number[];
  steps: number;
  learningRate: number;
  hidden: number[];
  starts: number;
  seed: number;
  solver: ModelSolver;
}

// NANODE Fig 4 fixes the discretisation (dt = 0.01, 100 steps); here 20 fixed rk4 steps.
const solver: ModelSolver = { method: 'rk4', stepSize: 0.05, gradient: 'backprop' };

const bases: Array<{ family: string; make: (order: number) => TimeBasis }> = [
  { family: 'trigonometric (T-NANODE)', make: (order) => fourier(order, [0, 1]) },
  { family: 'bucketed (B-NANODE)', make: (order) => bucket(order, [0, 1]) },
];

export interface OrderRow {
  family: string;
  order: number;
  parameters: number;
  finalLoss: number;
  /** RMS ‖z − β‖ over s ∈ [0, 1] from the training starts. */
  rmsError: number;
  seconds: number;
  failure: string | null;
}

/**
 * Trains one model per basis family × order on the same task and seed; returns the training fits. Each
 * model is one unit of `units` (read back under --resume).
 */
export async function runNanodeOrder(config: NanodeOrderConfig, onStep: (label: string) => void = () => {}, units: UnitCache = computeEveryUnit): Promise<OrderRow[]> {
  const task = trackingTask({ components: orderSignal, numInitialStates: config.starts, initialSpread: 0.2, seed: config.seed });
  const times = Array.from({ length: 101 }, (_, i) => i / 100);
  const rows: OrderRow[] = [];
  for (const { family, make } of bases) {
    for (const order of config.orders) {
      const label = `${family} order ${order}`;
      rows.push(await units.run(label, () => {
        const run = trainTracker(task, { basis: make(order), hidden: config.hidden, steps: config.steps, learningRate: config.learningRate, seed: config.seed + 1, solver: config.solver }, () => onStep(label));
        try {
          const rmsError = trackingError(stateTrajectories(run.model, run.z0, times), times, task.referenceAt, 0, 1);
          return { family, order, parameters: run.model.parameterCount, finalLoss: run.history[run.history.length - 1]?.loss ?? Number.NaN, rmsError, seconds: run.seconds, failure: run.failure };
        } finally {
          run.model.dispose();
          tf.dispose(run.z0);
        }
      }, { steps: config.steps, tick: onStep }));
    }
  }
  return rows;
}

function resultsTable(rows: OrderRow[]): Table {
  return {
    columns: ['basis', 'order d', 'params', 'final loss ∫‖β − z‖²', 'RMS ‖z − β‖ on [0, 1]', 'train s', 'note'],
    rows: rows.map((r) => [r.family, r.order, r.parameters, r.finalLoss, r.rmsError, Number(r.seconds.toFixed(1)), r.failure ?? '']),
  };
}

export function nanodeOrderClaims(rows: OrderRow[]): PaperClaim[] {
  const family = (name: string) => rows.filter((r) => r.family === name).sort((a, b) => a.order - b.order);
  const trig = family(bases[0].family);
  const buckets = family(bases[1].family);
  const rms = (r: OrderRow, scale = 1): Measured => ({ label: `${scale === 1 ? '' : `${scale} × `}${r.family.split(' ')[0]} RMS error at d = ${r.order}`, value: scale * r.rmsError });
  const claims: PaperClaim[] = [];
  if (trig.length > 1) {
    claims.push({
      claim: 'raising the order of the trigonometric basis improves the training fit', source: 'NANODE Fig 4',
      checks: [check(rms(trig[trig.length - 1]), '<', rms(trig[0], 0.5))],
    });
  }
  const shared = trig.flatMap((t) => buckets.filter((b) => b.order === t.order).map((b) => [t, b] as const));
  if (shared.length > 0) {
    claims.push({
      claim: 'T-NANODE fits better than B-NANODE at the same order d (smoothness helps)', source: 'NANODE Fig 5; NANODE Table 1',
      checks: shared.map(([t, b]) => check(rms(t), '<', rms(b))),
    });
  }
  return claims;
}

/** `nanode-order`: the NANODE basis-order experiment (NANODE Fig 4–5). */
export const nanodeOrderCommand = experimentCommand({
  name: 'nanode-order',
  summary: 'NANODE expressivity against basis order (Fig 4–5): training fit of a depth-varying signal, trigonometric vs bucketed bases',
  variants: {
    quick: { orders: [1, 2, 4], steps: 80, learningRate: 0.01, hidden: [16], starts: 4, solver },
    full: { orders: [1, 2, 3, 4, 5, 6, 8], steps: 300, learningRate: 0.01, hidden: [16], starts: 8, solver },
  },
  configure: seeded,
  run: (config: NanodeOrderConfig, context) => withProgress(context.progress('nanode-order', 2 * config.orders.length * config.steps, 'order 1'), (tick) => runNanodeOrder(config, tick, context.units)),
  title: () => 'nanode-order: expressivity against basis order',
  setup: ({ config, backend }) =>
    'Task: follow β(s) = (sin 1.4πs, cos 3.2πs, ½ sin 5.8πs) over the depth s ∈ [0, 1] from ' +
    `${config.starts} starts near β(0), by the integral loss ∫‖β − z‖² ds. Its coordinates oscillate 0.7, 1.6 and 2.9 times (not periodic on [0, 1], so in the span of neither basis), so fitting it ` +
    'needs weights that vary in depth: the fit at each order measures what the time basis can express (NANODE Fig 4–5 measure it on CIFAR-10, beyond this machine). ' +
    `NODE 3→${config.hidden.join('→')}→3 tanh, every weight and bias on the basis (order d: 2d + 1 trigonometric functions, or d buckets); ` +
    `rk4 with 20 fixed steps, backprop; Adam ${config.learningRate} × ${config.steps}; seed ${config.seed}; ${backend} backend.`,
  sections: ({ result }) => [{ heading: 'Results', table: resultsTable(result) }],
  claims: ({ result }) => nanodeOrderClaims(result),
  plots: ({ result }) => [
    linePlot({
      name: 'fit-vs-order', title: 'Training fit against basis order d', points: result.map((r) => ({ series: r.family, x: r.order, y: r.rmsError })),
      xTitle: 'order d', yTitle: 'RMS ‖z − β‖ on [0, 1]', yScale: 'log', legendTitle: 'basis',
    }),
  ],
  data: ({ config, result }) => ({ config, rows: result }),
});
