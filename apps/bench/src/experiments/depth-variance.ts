import * as tf from '@tensorflow/tfjs-core';
import { concentricAnnuli } from '@tfode/datasets';
import { bucket, fourier, type TimeBasis, type TimeVaryingDense } from '@tfode/nanode-bases';
import { nanodeODE, type ControlledODE } from '@tfode/ncode';
import { stateTrajectories, trajectorySamples } from '../metrics/model-trajectories';
import { linePlot, type CurvePoint } from '../plots/line-plot';
import { stateSpaceFlowPlot, type TrajectorySample } from '../plots/trajectory-plot';
import { check, percent, type PaperClaim } from '../report/paper-claims';
import type { Table } from '../report/report';
import { withProgress } from '../runtime/progress';
import type { ModelSolver } from '../training/model-solver';
import { trainWithAdam } from '../training/training-loop';
import { accuracy, annuliTensors } from './annuli';
import { experimentCommand, seeded } from './experiment';

export interface DepthVarianceConfig {
  trainPoints: number;
  testPoints: number;
  steps: number;
  learningRate: number;
  hidden: number;
  /** Harmonics of the Galërkin Fourier series and buckets of the stacked variant. */
  harmonics: number;
  buckets: number;
  /** First-layer weights of θ(s) drawn. */
  shownWeights: number;
  flowPoints: number;
  seed: number;
  solver: ModelSolver;
}

export interface DepthVarianceRow {
  model: string;
  parameters: number;
  trainLoss: number;
  testAccuracy: number;
  /** Distinct values θ(s) takes over the sampled depths (all first-layer weights together). */
  distinctThetas: number;
  /** Largest change of a first-layer weight between neighbouring sampled depths, over that weight's range on [0, 1]. */
  largestJump: number;
  failure: string | null;
}

/** The depths at which θ(s) is sampled. */
const depths = Array.from({ length: 101 }, (_, i) => i / 100);

/** θ(s) of the first layer (kernel rows then bias, flattened) at every sampled depth. */
function firstLayerThetas(model: ControlledODE): number[][] {
  const stack = model.modules.field as unknown as { layers: TimeVaryingDense[] };
  const weight = stack.layers[0].theta.weight;
  return depths.map((s) => {
    const theta = weight.at(s);
    const values = Array.from(theta.dataSync());
    theta.dispose();
    return values;
  });
}

/** How many different θ vectors, and the largest neighbour-to-neighbour change of one weight relative to its range. */
function thetaShape(thetas: number[][]): Pick<DepthVarianceRow, 'distinctThetas' | 'largestJump'> {
  const distinctThetas = new Set(thetas.map((theta) => theta.join(','))).size;
  let largestJump = 0;
  for (let j = 0; j < thetas[0].length; j++) {
    const series = thetas.map((theta) => theta[j]);
    const range = Math.max(...series) - Math.min(...series);
    if (range === 0) continue;
    for (let k = 1; k < series.length; k++) largestJump = Math.max(largestJump, Math.abs(series[k] - series[k - 1]) / range);
  }
  return { distinctThetas, largestJump };
}

const names = { galerkin: 'Galërkin (Fourier)', stacked: 'stacked (buckets)' };

/** Trains a Galërkin and a stacked depth-varying NODE on the annuli in 2-D; records accuracy, θ(s) and flows. */
export function runDepthVariance(config: DepthVarianceConfig, onStep: (model: string) => void = () => {}) {
  const train = annuliTensors(concentricAnnuli({ numPoints: config.trainPoints, seed: config.seed }));
  const testData = concentricAnnuli({ numPoints: config.testPoints, seed: config.seed + 1_000_003 });
  const test = annuliTensors(testData);
  const flowX = tf.slice(test.x, [0, 0], [Math.min(config.flowPoints, testData.size), 2]);
  const times = Array.from({ length: 21 }, (_, i) => i / 20);
  const className = (i: number) => (testData.y[i] === 1 ? 'outer' : 'inner');
  const variants: Array<[string, TimeBasis]> = [[names.galerkin, fourier(config.harmonics, [0, 1])], [names.stacked, bucket(config.buckets, [0, 1])]];
  const rows: DepthVarianceRow[] = [];
  const thetaCurves: CurvePoint[] = [];
  const flows: TrajectorySample[] = [];
  for (const [index, [name, basis]] of variants.entries()) {
    const model = nanodeODE({ dims: 2, hidden: [config.hidden], basis, outputs: 1, seed: config.seed + 11 * index + 1, solver: config.solver });
    const { history, failure } = trainWithAdam({
      variables: model.variables, steps: config.steps, learningRate: config.learningRate,
      loss: () => tf.losses.sigmoidCrossEntropy(train.labels, model.predict(train.x)) as tf.Scalar,
      onStep: () => onStep(name),
    });
    const thetas = firstLayerThetas(model);
    rows.push({
      model: name, parameters: model.parameterCount, trainLoss: history[history.length - 1]?.loss ?? Number.NaN,
      testAccuracy: accuracy(model, test.x, test.labels), ...thetaShape(thetas), failure,
    });
    for (let j = 0; j < Math.min(config.shownWeights, thetas[0].length); j++) {
      thetaCurves.push(...depths.map((s, k) => ({ panel: name, series: `θ${j + 1}`, x: s, y: thetas[k][j] })));
    }
    flows.push(...trajectorySamples(name, stateTrajectories(model, flowX, times), times, className));
    model.dispose();
  }
  tf.dispose([train.x, train.labels, test.x, test.labels, flowX]);
  return { rows, thetaCurves, flows };
}

function resultsTable(rows: DepthVarianceRow[]): Table {
  return {
    columns: ['model', 'params', 'train loss', 'test acc', `distinct θ(s) over ${depths.length} depths`, 'largest jump of a weight / its range', 'note'],
    rows: rows.map((r) => [r.model, r.parameters, r.trainLoss, percent(r.testAccuracy), r.distinctThetas, r.largestJump, r.failure ?? '']),
  };
}

/** Test accuracy at which a model separates the annuli (as in `annuli`). */
const target = 0.98;

export function depthVarianceClaims(rows: DepthVarianceRow[], buckets: number): PaperClaim[] {
  const source = 'Dissecting Fig 2';
  const claims: PaperClaim[] = [];
  const galerkin = rows.find((r) => r.model === names.galerkin);
  const stacked = rows.find((r) => r.model === names.stacked);
  const present = [galerkin, stacked].filter((r): r is DepthVarianceRow => r !== undefined);
  if (present.length > 0) {
    claims.push({
      claim: 'depth-varying θ(s), Galërkin or stacked, solves a binary classification in 2-D without augmentation', source: `${source}; Dissecting Fig 7`,
      checks: present.map((r) => check({ label: `${r.model} test accuracy`, value: r.testAccuracy, format: percent }, '≥', target)),
    });
  }
  if (galerkin && stacked) {
    // Smooth against the stacked variant's jumps: a fixed bound would depend on the harmonics (a pure m-th harmonic moves 2πm·0.01/2 of its range in 0.01).
    const jump = (r: DepthVarianceRow) => ({ label: `${r.model}: largest change of a weight between depths 0.01 apart / its range`, value: r.largestJump });
    claims.push({ claim: 'Galërkin θ(s) evolves smoothly in depth, without the stacked variant\'s jumps', source, checks: [check(jump(galerkin), '<', { ...jump(stacked), label: `the same for ${stacked.model}` })] });
  }
  if (stacked) {
    claims.push({ claim: 'stacked θ(s) is piecewise constant: one θ per layer', source: `${source} (Cor 2)`, checks: [check({ label: `${stacked.model}: distinct θ(s) over ${depths.length} depths`, value: stacked.distinctThetas }, '≤', buckets)] });
  }
  return claims;
}

const solver: ModelSolver = { method: 'dopri5', rtol: 1e-3, atol: 1e-4, gradient: 'backprop', maxSteps: 1000 };

/** `depth-variance`: Dissecting Fig 2, Galërkin vs stacked θ(s). */
export const depthVarianceCommand = experimentCommand({
  name: 'depth-variance',
  summary: 'Galërkin vs stacked depth-varying NODEs on the annuli in 2-D (Dissecting Fig 2): accuracy, depth flows, and the evolution of θ(s)',
  variants: {
    quick: { trainPoints: 128, testPoints: 256, steps: 60, learningRate: 0.03, hidden: 16, harmonics: 5, buckets: 5, shownWeights: 8, flowPoints: 32, solver },
    full: { trainPoints: 256, testPoints: 1024, steps: 250, learningRate: 0.02, hidden: 16, harmonics: 5, buckets: 5, shownWeights: 12, flowPoints: 48, solver },
  },
  configure: seeded,
  run: (config: DepthVarianceConfig, context) => withProgress(context.progress('depth-variance', 2 * config.steps, names.galerkin), (tick) => runDepthVariance(config, tick)),
  title: () => 'depth-variance: Galërkin and stacked θ(s)',
  setup: ({ config, backend }) =>
    `Concentric annuli as in \`annuli\` (${config.trainPoints} training, ${config.testPoints} test points), 2-D, no augmentation. ` +
    `Field 2 → ${config.hidden} (tanh) → 2, every weight θ(s) either a Fourier series with ${config.harmonics} harmonics on the period [0, 1] (Galërkin, Dissecting Cor 1) ` +
    `or one of ${config.buckets} equal depth buckets (stacked, Cor 2); linear readout, BCE, Adam ${config.learningRate} × ${config.steps}, dopri5 (rtol ${solver.rtol}, atol ${solver.atol}), backprop. ` +
    `θ(s) of the first layer sampled at ${depths.length} depths in [0, 1]. Seed ${config.seed}; ${backend} backend.`,
  sections: ({ result }) => [{ heading: 'Results', table: resultsTable(result.rows) }],
  claims: ({ config, result }) => depthVarianceClaims(result.rows, config.buckets),
  plots: ({ config, result }) => [
    stateSpaceFlowPlot('depth-flows', 'Depth flows of test points (Dissecting Fig 2, above)', result.flows, { groupTitle: 'class' }),
    linePlot({
      name: 'parameters', title: `θ(s): ${config.shownWeights} first-layer weights over depth (Dissecting Fig 2, below)`, xTitle: 'depth s', yTitle: 'θ(s)', columns: 2, legendTitle: 'weight',
      points: result.thetaCurves,
    }),
  ],
  data: ({ config, result }) => ({ config, ...result }),
});
