import * as tf from '@tensorflow/tfjs-core';
import { reflection1d } from '@tfode/datasets';
import { adaptiveDepthODE, closedLoopNCODE, dataControlledODE, neuralODE, openLoopNCODE, type ControlledODE } from '@tfode/ncode';
import { stateTrajectories, trajectorySamples } from '../metrics/model-trajectories';
import { linePlot } from '../plots/line-plot';
import { trajectoriesOverTimePlot } from '../plots/trajectory-plot';
import { check, type Measured, type PaperClaim } from '../report/paper-claims';
import { formatNumber, type Table } from '../report/report';
import { withProgress } from '../runtime/progress';
import type { ModelSolver } from '../training/model-solver';
import { nfeAtEnds } from '../training/nfe-at-ends';
import { trainWithAdam, type TrainingRecord } from '../training/training-loop';
import { experimentCommand, seeded } from './experiment';

/** The five models of N-CODE Fig 4 and Dissecting Fig 3/5, each a 1-D flow on [0, 1]. */
export const reflectionModels: Array<{ name: string; make: (seed: number, solver: ModelSolver) => ControlledODE }> = [
  { name: 'NODE', make: (seed, solver) => neuralODE({ dims: 1, hidden: [16], seed, solver }) },
  { name: 'data-controlled', make: (seed, solver) => dataControlledODE({ dims: 1, hidden: [16], seed, solver }) },
  { name: 'adaptive-depth', make: (seed, solver) => adaptiveDepthODE({ dims: 1, hidden: [8], seed, solver }) },
  { name: 'N-CODE open-loop', make: (seed, solver) => openLoopNCODE({ dims: 1, hidden: [8], seed, solver }) },
  // Fig 4 right: one learned θ(0) for every input; the controller alone bends the flow.
  { name: 'N-CODE closed-loop', make: (seed, solver) => closedLoopNCODE({ dims: 1, hidden: [8], initialControl: 'constant', seed, solver }) },
];

export interface ReflectionConfig {
  trainPoints: number;
  testPoints: number;
  steps: number;
  learningRate: number;
  /** Independent initialisations per model (fitting depends on the start for some models). */
  repeats: number;
  seed: number;
  solver: ModelSolver;
  /** The models to run (names of `reflectionModels`); default all. */
  models?: string[];
}

const solver: ModelSolver = { method: 'dopri5', rtol: 1e-3, atol: 1e-4, gradient: 'backprop', maxSteps: 1000 };

export interface ReflectionRow {
  model: string;
  repeat: number;
  parameters: number;
  trainMse: number;
  testMse: number;
  /** Forward NFE of one solve of the trained model on the test inputs. */
  nfe: number;
  /** Mean forward NFE per step over the first and the last 10 % of training. */
  nfeStart: number;
  nfeEnd: number;
  seconds: number;
  failure: string | null;
}

function mse(model: ControlledODE, x: tf.Tensor2D): number {
  return tf.tidy(() => tf.mean(tf.square(tf.add(model.predict(x), x))).dataSync()[0]); // target −x
}

/** Trains each model on x ↦ −x and records MSE, NFE, curves and trajectories. */
export function runReflection(config: ReflectionConfig, onStep: (model: string) => void = () => {}) {
  const train = reflection1d({ numPoints: config.trainPoints, seed: config.seed });
  const x = tf.tensor2d(train.x as Float32Array, [config.trainPoints, 1]);
  const testValues = Array.from({ length: config.testPoints }, (_, i) => -1 + (2 * i) / (config.testPoints - 1));
  const xTest = tf.tensor2d(testValues, [config.testPoints, 1]);
  const starts = Array.from({ length: 11 }, (_, i) => -1 + i / 5);
  const xStarts = tf.tensor2d(starts, [starts.length, 1]);
  const times = Array.from({ length: 41 }, (_, i) => i / 40);
  // A 1-D flow is increasing; the best increasing fit of the decreasing targets −x is their mean (isotonic regression): MSE ≥ var(x).
  const floor = tf.tidy(() => tf.moments(x).variance.dataSync()[0]);
  const rows: ReflectionRow[] = [];
  const curves: Array<{ model: string; history: TrainingRecord[] }> = [];
  const trajectories = [];
  const chosen = reflectionModels.filter((m) => !config.models || config.models.includes(m.name));
  for (const [index, { name, make }] of chosen.entries()) for (let repeat = 0; repeat < config.repeats; repeat++) {
    const model = make(config.seed + 17 * index + 101 * repeat + 1, config.solver);
    const start = performance.now();
    const { history, failure } = trainWithAdam({
      variables: model.variables,
      steps: config.steps,
      learningRate: config.learningRate,
      loss: () => tf.mean(tf.square(tf.add(model.predict(x), x))) as tf.Scalar,
      stats: () => ({ nfe: model.lastStats.forward.nfe, backwardNfe: model.lastStats.backward.nfe }),
      onStep: () => onStep(name),
    });
    const seconds = (performance.now() - start) / 1000;
    const testMse = mse(model, xTest);
    const nfe = model.lastStats.forward.nfe;
    const ends = nfeAtEnds(history);
    rows.push({ model: name, repeat, parameters: model.parameterCount, trainMse: mse(model, x), testMse, nfe, nfeStart: ends.start, nfeEnd: ends.end, seconds, failure });
    if (repeat > 0) {
      model.dispose();
      continue;
    }
    curves.push({ model: name, history });
    trajectories.push(...trajectorySamples(name, stateTrajectories(model, xStarts, times), times, (i) => starts[i]));
    model.dispose();
  }
  tf.dispose([x, xTest, xStarts]);
  return { floor, rows, curves, trajectories };
}

function resultsTable(rows: ReflectionRow[]): Table {
  return {
    columns: ['model', 'run', 'params', 'train MSE', 'test MSE', 'NFE (trained)', 'NFE first/last 10 %', 'train s', 'note'],
    rows: rows.map((r) => [r.model, r.repeat + 1, r.parameters, r.trainMse, r.testMse, r.nfe, `${formatNumber(r.nfeStart)} → ${formatNumber(r.nfeEnd)}`, Number(r.seconds.toFixed(1)), r.failure ?? '']),
  };
}

/** Test MSE below which a model "learns" the reflection. */
const fit = 0.01;

/** The paper's claims checked against our rows: NODE stays at the floor, every controlled model fits (one check per run). */
export function reflectionClaims(rows: ReflectionRow[], floor: number): PaperClaim[] {
  const runsOf = (name: string) => rows.filter((r) => r.model === name);
  const run = (r: ReflectionRow) => (rows.some((o) => o.model === r.model && o.repeat > 0) ? `${r.model} (run ${r.repeat + 1})` : r.model);
  const claims: PaperClaim[] = [];
  const node = runsOf('NODE');
  if (node.length > 0) {
    // 90 % of the floor: a NODE's fit cannot go below the floor; the margin is for the finite training set's optimisation noise.
    const atFloor: Measured = { label: '0.9 × var(x), the floor of any increasing map', value: 0.9 * floor };
    claims.push({
      claim: 'a NODE cannot learn φ(x) = −x: 1-D trajectories cannot cross',
      source: 'N-CODE Fig 4 left; ANODE slides g_1d',
      checks: node.map((r) => check({ label: `${run(r)} train MSE`, value: r.trainMse }, '≥', atFloor)),
    });
  }
  const cite: Record<string, string> = {
    'N-CODE open-loop': 'N-CODE Fig 4 middle',
    'N-CODE closed-loop': 'N-CODE Fig 4 right',
    'data-controlled': 'Dissecting Fig 3, Eq 10',
    'adaptive-depth': 'Dissecting Fig 5',
  };
  for (const [name, source] of Object.entries(cite)) {
    const runs = runsOf(name);
    if (runs.length === 0) continue;
    claims.push({ claim: `${name} learns the reflection`, source, checks: runs.map((r) => check({ label: `${run(r)} test MSE`, value: r.testMse }, '<', fit)) });
  }
  return claims;
}

/** `reflection`: the 1-D reflection experiment φ(x) = −x (N-CODE §4.1 and Fig 4, ANODE slides g_1d). */
export const reflectionCommand = experimentCommand({
  name: 'reflection',
  summary: '1-D reflection φ(x) = −x: NODE vs data-controlled vs adaptive-depth vs open/closed-loop N-CODE (MSE, NFE, trajectories)',
  variants: {
    quick: { trainPoints: 32, testPoints: 101, steps: 150, learningRate: 0.02, repeats: 1, solver },
    full: { trainPoints: 64, testPoints: 201, steps: 400, learningRate: 0.02, repeats: 3, solver },
  },
  configure: seeded,
  run: (config: ReflectionConfig, context) =>
    withProgress(context.progress('reflection', reflectionModels.length * config.repeats * config.steps, reflectionModels[0].name), (tick) => runReflection(config, tick)),
  title: () => 'reflection: learning φ(x) = −x in one dimension',
  setup: ({ config, backend }) =>
    `${config.trainPoints} training points x ~ U[−1, 1), target −x; test on ${config.testPoints} evenly spaced points. ` +
    `${config.repeats} initialisation${config.repeats > 1 ? 's' : ''} per model (curves and trajectories: the first). dopri5 (rtol ${solver.rtol}, atol ${solver.atol}) over t ∈ [0, 1], backprop through the solver, Adam ${config.learningRate} × ${config.steps} full-batch steps; seed ${config.seed}; ${backend} backend. ` +
    `Adaptive depth integrates s ∈ [0, 1] of a rescaled time (physical depth T(x)·s).`,
  sections: ({ result }) => [{ heading: 'Results', table: resultsTable(result.rows) }],
  claims: ({ result }) => reflectionClaims(result.rows, result.floor),
  plots: ({ result }) => [
    trajectoriesOverTimePlot('trajectories', 'Trajectories x(t) from x(0) ∈ [−1, 1] (target x(1) = −x(0))', result.trajectories, { tTitle: 't (s for adaptive depth)', xTitle: 'x(t)' }),
    linePlot({
      name: 'training', title: 'Training MSE (left) and forward NFE per step (right)', xTitle: 'step', yTitle: 'MSE · NFE', yScale: 'log', columns: 2, legendTitle: 'model',
      points: result.curves.flatMap(({ model, history }) =>
        history.flatMap((r) => [
          { panel: 'training MSE', series: model, x: r.step, y: r.loss },
          { panel: 'forward NFE per step', series: model, x: r.step, y: r.nfe },
        ])),
    }),
  ],
  data: ({ config, result }) => ({ config, floor: result.floor, rows: result.rows, curves: result.curves, trajectories: result.trajectories }),
});
