import * as tf from '@tensorflow/tfjs-core';
import { concentricAnnuli } from '@tfode/datasets';
import { bucket, fourier } from '@tfode/nanode-bases';
import {
  augmentedODE, closedLoopNCODE, dataControlledODE, higherOrderODE, inputLayerODE, nanodeODE, neuralODE, openLoopNCODE,
  type ControlledODE,
} from '@tfode/ncode';
import { evaluateOnGrid } from '../metrics/decision-grid';
import { stateTrajectories, trajectorySamples } from '../metrics/model-trajectories';
import { decisionBoundaryPlot, type DecisionPanel } from '../plots/decision-plot';
import { linePlot } from '../plots/line-plot';
import { stateSpaceFlowPlot, type TrajectorySample } from '../plots/trajectory-plot';
import { check, percent, times, type Measured, type PaperClaim } from '../report/paper-claims';
import { formatNumber, type Table } from '../report/report';
import { withProgress } from '../runtime/progress';
import type { ModelSolver } from '../training/model-solver';
import { nfeAtEnds } from '../training/nfe-at-ends';
import { trainWithAdam, type TrainingRecord } from '../training/training-loop';
import { experimentCommand, seeded } from './experiment';

type Maker = (seed: number, solver: ModelSolver) => ControlledODE;

const hidden = [16];
/** Every model of the concentric-annuli experiment; each ends in a linear readout to one logit (h_y). */
export const annuliModels: Array<{ name: string; make: Maker }> = [
  { name: 'NODE', make: (seed, solver) => neuralODE({ dims: 2, hidden, outputs: 1, seed, solver }) },
  { name: 'NODE [x, t]', make: (seed, solver) => neuralODE({ dims: 2, hidden, timeAppended: true, outputs: 1, seed, solver }) },
  { name: 'ANODE (p = 1)', make: (seed, solver) => augmentedODE({ dims: 2, augment: 1, hidden, outputs: 1, seed, solver }) },
  { name: 'IL-NODE (n_z = 3)', make: (seed, solver) => inputLayerODE({ dims: 2, stateDims: 3, hidden, outputs: 1, seed, solver }) },
  { name: 'second-order', make: (seed, solver) => higherOrderODE({ dims: 2, order: 2, hidden, outputs: 1, seed, solver }) },
  { name: 'data-controlled', make: (seed, solver) => dataControlledODE({ dims: 2, hidden, outputs: 1, seed, solver }) },
  { name: 'Galërkin (Fourier m = 5)', make: (seed, solver) => nanodeODE({ dims: 2, hidden, basis: fourier(5, [0, 1]), outputs: 1, seed, solver }) },
  { name: 'T-NANODE (order 3)', make: (seed, solver) => nanodeODE({ dims: 2, hidden, basis: fourier(3), outputs: 1, seed, solver }) },
  { name: 'B-NANODE (5 buckets)', make: (seed, solver) => nanodeODE({ dims: 2, hidden, basis: bucket(5, [0, 1]), outputs: 1, seed, solver }) },
  { name: 'N-CODE open-loop', make: (seed, solver) => openLoopNCODE({ dims: 2, hidden: [8], outputs: 1, seed, solver }) },
  { name: 'N-CODE closed-loop', make: (seed, solver) => closedLoopNCODE({ dims: 2, hidden: [8], controlled: [1], outputs: 1, seed, solver }) },
];

export interface AnnuliConfig {
  trainPoints: number;
  testPoints: number;
  steps: number;
  learningRate: number;
  evaluateEvery: number;
  gridResolution: number;
  flowPoints: number;
  seed: number;
  solver: ModelSolver;
  models?: string[];
}

const solver: ModelSolver = { method: 'dopri5', rtol: 1e-3, atol: 1e-4, gradient: 'backprop', maxSteps: 1000 };
const gridRange = [-2, 2] as const;
const target = 0.98;
/** NFE growth (last / first 10 % of steps) above which a model's NFE "grows". */
const nfeGrowth = 1.2;

export interface AnnuliRow {
  model: string;
  parameters: number;
  trainLoss: number;
  trainAccuracy: number;
  testAccuracy: number;
  /** First step whose recorded training accuracy reached 98 % (null: never). */
  stepsTo98: number | null;
  nfeStart: number;
  nfeEnd: number;
  /** Forward NFE of one solve of the trained model on the test set. */
  nfe: number;
  seconds: number;
  failure: string | null;
}

/** The annuli as tensors: points [N, 2] and 0/1 labels (1: outer) [N, 1]. */
export function annuliTensors(data: ReturnType<typeof concentricAnnuli>) {
  return { x: tf.tensor2d(data.x as Float32Array, [data.size, 2]), labels: tf.tensor2d(Float32Array.from(data.y), [data.size, 1]) };
}

/** The share of points whose logit's sign matches their label. */
export function accuracy(model: { predict(x: tf.Tensor): tf.Tensor }, x: tf.Tensor2D, labels: tf.Tensor2D): number {
  return tf.tidy(() => tf.mean(tf.cast(tf.equal(tf.cast(tf.greater(model.predict(x), 0), 'float32'), labels), 'float32')).dataSync()[0]);
}

/** Trains each model on concentric annuli; records curves, accuracy, NFE, its decision grid and flows. */
export function runAnnuli(config: AnnuliConfig, onStep: (model: string) => void = () => {}) {
  const trainData = concentricAnnuli({ numPoints: config.trainPoints, seed: config.seed });
  const testData = concentricAnnuli({ numPoints: config.testPoints, seed: config.seed + 1_000_003 });
  const train = annuliTensors(trainData);
  const test = annuliTensors(testData);
  const flowIndices = Array.from({ length: Math.min(config.flowPoints, testData.size) }, (_, i) => i);
  const flowInput = tf.tensor2d((testData.x as Float32Array).slice(0, 2 * flowIndices.length), [flowIndices.length, 2]);
  const times = Array.from({ length: 21 }, (_, i) => i / 20);
  const className = (i: number) => (testData.y[i] === 1 ? 'outer' : 'inner');
  const points = Array.from({ length: trainData.size }, (_, i) => ({ x: trainData.x[2 * i], y: trainData.x[2 * i + 1], label: trainData.y[i] === 1 ? 'outer' : 'inner' }));
  const rows: AnnuliRow[] = [];
  const curves: Array<{ model: string; history: TrainingRecord[] }> = [];
  const panels: DecisionPanel[] = [];
  const flows: TrajectorySample[] = [];
  const chosen = annuliModels.filter((m) => !config.models || config.models.includes(m.name));
  for (const [index, { name, make }] of chosen.entries()) {
    const model = make(config.seed + 31 * index + 7, config.solver);
    const start = performance.now();
    const { history, failure } = trainWithAdam({
      variables: model.variables,
      steps: config.steps,
      learningRate: config.learningRate,
      loss: () => tf.losses.sigmoidCrossEntropy(train.labels, model.predict(train.x)) as tf.Scalar,
      stats: () => ({ nfe: model.lastStats.forward.nfe, backwardNfe: model.lastStats.backward.nfe }),
      evaluate: () => ({ trainAccuracy: accuracy(model, train.x, train.labels) }),
      evaluateEvery: config.evaluateEvery,
      onStep: () => onStep(name),
    });
    const seconds = (performance.now() - start) / 1000;
    const evaluated = history.filter((r) => r.metrics.trainAccuracy !== undefined);
    const reached = evaluated.find((r) => r.metrics.trainAccuracy >= target);
    const last = history[history.length - 1];
    const testAccuracy = accuracy(model, test.x, test.labels);
    const nfe = model.lastStats.forward.nfe;
    const ends = nfeAtEnds(history);
    rows.push({
      model: name, parameters: model.parameterCount, trainLoss: last?.loss ?? Number.NaN,
      trainAccuracy: evaluated[evaluated.length - 1]?.metrics.trainAccuracy ?? Number.NaN,
      testAccuracy, stepsTo98: reached ? reached.step : null, nfeStart: ends.start, nfeEnd: ends.end, nfe, seconds, failure,
    });
    curves.push({ model: name, history });
    panels.push({ panel: name, cells: evaluateOnGrid((p) => tf.sigmoid(model.predict(p)), gridRange[0], gridRange[1], config.gridResolution), points });
    flows.push(...trajectorySamples(name, stateTrajectories(model, flowInput, times), times, className));
    model.dispose();
  }
  tf.dispose([train.x, train.labels, test.x, test.labels, flowInput]);
  return { rows, curves, panels, flows };
}

function resultsTable(rows: AnnuliRow[]): Table {
  return {
    columns: ['model', 'params', 'train loss', 'train acc', 'test acc', 'steps to 98 %', 'NFE first → last 10 %', 'NFE (trained)', 'train s', 'note'],
    rows: rows.map((r) => [
      r.model, r.parameters, r.trainLoss, percent(r.trainAccuracy), percent(r.testAccuracy), r.stepsTo98 ?? 'never',
      `${formatNumber(r.nfeStart)} → ${formatNumber(r.nfeEnd)}`, r.nfe, Number(r.seconds.toFixed(1)), r.failure ?? '',
    ]),
    align: ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
  };
}

/** The papers' annuli claims, one concept each, checked against our rows. */
export function annuliClaims(rows: AnnuliRow[]): PaperClaim[] {
  const row = (name: string) => rows.find((r) => r.model === name);
  const present = (names: string[]) => names.map(row).filter((r): r is AnnuliRow => r !== undefined);
  const accuracyOf = (r: AnnuliRow): Measured => ({ label: `${r.model} test accuracy`, value: r.testAccuracy, format: percent });
  const nfeOf = (r: AnnuliRow): Measured => ({ label: `${r.model} NFE over the last 10 % of steps`, value: r.nfeEnd });
  const growthOf = (r: AnnuliRow): Measured => ({ label: `${r.model} NFE growth (last / first 10 % of steps)`, value: r.nfeEnd / r.nfeStart, format: times });
  const separates = (r: AnnuliRow) => check(accuracyOf(r), '≥', target);
  const claims: PaperClaim[] = [];
  const node = row('NODE');
  const augmentedOrControlled = present(['ANODE (p = 1)', 'IL-NODE (n_z = 3)', 'data-controlled', 'N-CODE open-loop', 'N-CODE closed-loop']);
  if (augmentedOrControlled.length > 0) {
    claims.push({ claim: 'augmentation and control separate the annuli', source: 'ANODE slides augmentation; N-CODE Fig 5', checks: augmentedOrControlled.map(separates) });
  }
  if (node) {
    if (augmentedOrControlled.length > 0) {
      claims.push({
        claim: 'augmentation and control need fewer NFE than a plain NODE', source: 'ANODE slides NFE growth',
        checks: augmentedOrControlled.map((r) => check(nfeOf(r), '<', nfeOf(node))),
      });
      claims.push({
        claim: 'augmentation and control do at least as well as a plain NODE', source: 'Dissecting Table 1 (IL-NODE > NODE); N-CODE Fig 5',
        checks: augmentedOrControlled.map((r) => check(accuracyOf(r), '≥', accuracyOf(node))),
      });
    }
    claims.push({
      claim: 'a NODE cannot separate the annuli (its flow is a homeomorphism)', source: 'N-CODE Fig 1 bottom left; N-CODE Fig 5; ANODE slides annuli',
      checks: [check(accuracyOf(node), '<', target)],
    });
    claims.push({ claim: 'a NODE\'s NFE grows during training', source: 'ANODE slides NFE growth', checks: [check(growthOf(node), '>', nfeGrowth)] });
    const anode = row('ANODE (p = 1)');
    if (anode) {
      claims.push({ claim: 'ANODE\'s NFE hardly grows during training', source: 'ANODE slides NFE growth', checks: [check(growthOf(anode), '≤', nfeGrowth)] });
      claims.push({ claim: 'ANODE\'s NFE grows less than a NODE\'s', source: 'ANODE slides NFE growth', checks: [check(growthOf(anode), '<', growthOf(node))] });
    }
  }
  const ncode = present(['N-CODE open-loop', 'N-CODE closed-loop']);
  if (ncode.length > 0) claims.push({ claim: 'open- and closed-loop N-CODE separate the annuli', source: 'N-CODE Fig 5', checks: ncode.map(separates) });
  const depthVarying = present(['NODE [x, t]', 'Galërkin (Fourier m = 5)', 'data-controlled']);
  if (depthVarying.length > 0) {
    claims.push({
      claim: 'without augmentation, depth-varying and data-controlled NODEs solve the annuli in 2-D', source: 'Dissecting Fig 7',
      checks: depthVarying.map(separates),
    });
  }
  return claims;
}

/** `annuli`: the concentric-annuli experiment (N-CODE §4.1 Fig 5, Dissecting Fig 7, ANODE slides). */
export const annuliCommand = experimentCommand({
  name: 'annuli',
  summary: '2-D concentric annuli: 11 NODE / augmented / depth-varying / controlled models — accuracy, loss and NFE curves, decision boundaries, flows',
  variants: {
    quick: { trainPoints: 128, testPoints: 256, steps: 60, learningRate: 0.03, evaluateEvery: 5, gridResolution: 30, flowPoints: 32, solver },
    full: { trainPoints: 256, testPoints: 1024, steps: 250, learningRate: 0.02, evaluateEvery: 5, gridResolution: 50, flowPoints: 48, solver },
  },
  configure: seeded,
  run: (config: AnnuliConfig, context) => withProgress(context.progress('annuli', annuliModels.length * config.steps, annuliModels[0].name), (tick) => runAnnuli(config, tick)),
  title: () => 'annuli: separating concentric annuli in the plane',
  setup: ({ config, backend }) =>
    `Concentric annuli (r ≤ 0.5 inner, 1 ≤ r ≤ 1.5 outer), ${config.trainPoints} training and ${config.testPoints} test points. ` +
    `Each model: flow over t ∈ [0, 1], linear readout to one logit, BCE, Adam ${config.learningRate} × ${config.steps} full-batch steps; ` +
    `dopri5 (rtol ${solver.rtol}, atol ${solver.atol}), backprop through the solver; NFE = forward evaluations per step. Seed ${config.seed}; ${backend} backend.`,
  sections: ({ result }) => [{ heading: 'Results', table: resultsTable(result.rows) }],
  claims: ({ result }) => annuliClaims(result.rows),
  plots: ({ result }) => [
    decisionBoundaryPlot('decision-boundaries', 'P(outer) over the input plane after training (circles: inner, crosses: outer training points)', result.panels, { valueTitle: 'P(outer)' }),
    stateSpaceFlowPlot('flows', 'Flows of test points in the state space (first two coordinates; hollow: start, dot: end at t = 1)', result.flows, { groupTitle: 'class' }),
    linePlot({
      name: 'training', title: 'Training loss, accuracy and forward NFE per step', xTitle: 'step', yTitle: 'value', columns: 3, legendTitle: 'model',
      points: result.curves.flatMap(({ model, history }) =>
        history.flatMap((r) => [
          { panel: 'training loss (BCE)', series: model, x: r.step, y: r.loss },
          ...(r.metrics.trainAccuracy !== undefined ? [{ panel: 'training accuracy', series: model, x: r.step, y: r.metrics.trainAccuracy }] : []),
          { panel: 'forward NFE per step', series: model, x: r.step, y: r.nfe },
        ])),
    }),
  ],
  data: ({ config, result }) => ({
    config, rows: result.rows, curves: result.curves, decisionGrids: result.panels.map(({ panel, cells }) => ({ panel, cells })), flows: result.flows,
  }),
});
