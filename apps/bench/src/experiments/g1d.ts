import * as tf from '@tensorflow/tfjs-core';
import { g1d } from '@tfode/datasets';
import { augmentedODE, MLP, Module, neuralODE, type ControlledODE } from '@tfode/ncode';
import { increasingFloor } from '../metrics/isotonic';
import { stateTrajectories } from '../metrics/model-trajectories';
import { linePlot } from '../plots/line-plot';
import { trajectoriesOverTimePlot, type TrajectorySample } from '../plots/trajectory-plot';
import { check, type PaperClaim } from '../report/paper-claims';
import type { Table } from '../report/report';
import { withProgress } from '../runtime/progress';
import type { ModelSolver } from '../training/model-solver';
import { trainWithAdam, type TrainingRecord } from '../training/training-loop';
import { experimentCommand, seeded } from './experiment';

/** A 1-D ResNet: x_{k+1} = x_k + f_k(x_k), each f_k an MLP 1 → hidden → 1 (tanh) — a discretised flow whose steps may jump. */
class ResNet1d extends Module {
  private readonly blocks: MLP[];

  constructor(blocks: number, hidden: number, seed: number) {
    super();
    this.blocks = Array.from({ length: blocks }, (_, k) => {
      const block = new MLP([1, hidden, 1], { seed: seed + k });
      this.addModule(`block${k}`, block);
      return block;
    });
  }

  /** x after each block: [x_0, x_1, …, x_K]. */
  states(x: tf.Tensor): tf.Tensor[] {
    const out = [x];
    for (const block of this.blocks) out.push(tf.add(out[out.length - 1], block.apply(out[out.length - 1])));
    return out;
  }
}

export interface G1dConfig {
  points: number;
  noise: number;
  steps: number;
  learningRate: number;
  hidden: number;
  /** ResNet blocks. */
  blocks: number;
  seed: number;
  solver: ModelSolver;
}

export interface G1dRow {
  model: string;
  parameters: number;
  mse: number;
  seconds: number;
  failure: string | null;
}

const names = { node: 'NODE (1-D)', anode: 'ANODE (p = 1)', resnet: 'ResNet' };

/** A model of g_1d: its prediction (x(T), or x_K), its depth states for the plot, variables and size. */
interface G1dModel {
  name: string;
  predict(x: tf.Tensor): tf.Tensor;
  /** [depth][sample][coordinate 0] at `depths`. */
  path(x: tf.Tensor): { depths: number[]; states: number[][][] };
  module: Module;
}

/** NODE or ANODE: the prediction is the first coordinate of x(1) (no readout, which alone could map x to −x). */
function flowModel(name: string, model: ControlledODE): G1dModel {
  const depths = Array.from({ length: 21 }, (_, i) => i / 20);
  return {
    name,
    predict: (x) => tf.tidy(() => {
      const { x0, theta0 } = model.initialState(x);
      const xs = model.integrate(x0, theta0).xs;
      return tf.reshape(tf.slice(xs, [xs.shape[0] - 1, 0, 0], [1, -1, 1]), [-1, 1]);
    }),
    path: (x) => ({ depths, states: stateTrajectories(model, x, depths) }),
    module: model,
  };
}

function resNetModel(net: ResNet1d, blocks: number): G1dModel {
  return {
    name: names.resnet,
    predict: (x) => tf.tidy(() => net.states(x)[blocks]),
    path: (x) => {
      const states = tf.tidy(() => tf.stack(net.states(x)));
      const values = states.arraySync() as number[][][];
      states.dispose();
      return { depths: Array.from({ length: blocks + 1 }, (_, k) => k / blocks), states: values };
    },
    module: net,
  };
}

/** Fits g_1d (g(−1) = 1, g(1) = −1, ANODE slides) with a 1-D NODE, ANODE and a ResNet; records fits, curves and depth paths. */
export function runG1d(config: G1dConfig, onStep: (model: string) => void = () => {}) {
  const data = g1d({ numPoints: config.points, noise: config.noise, seed: config.seed });
  const x = tf.tensor2d(data.x as Float32Array, [config.points, 1]);
  const y = tf.tensor2d(data.y as Float32Array, [config.points, 1]);
  // The best increasing map x(0) ↦ x(1) (every 1-D flow's) of the targets in the order of x.
  const order = Array.from(data.x).map((v, i) => [v, data.y[i]] as const).sort((a, b) => a[0] - b[0]);
  const floor = increasingFloor(order.map(([, target]) => target));
  const starts = tf.tensor2d([-1.2, -1, -0.8, 0.8, 1, 1.2], [6, 1]);
  const models: G1dModel[] = [
    flowModel(names.node, neuralODE({ dims: 1, hidden: [config.hidden], seed: config.seed + 1, solver: config.solver })),
    flowModel(names.anode, augmentedODE({ dims: 1, augment: 1, hidden: [config.hidden], seed: config.seed + 2, solver: config.solver })),
    resNetModel(new ResNet1d(config.blocks, config.hidden, config.seed + 3), config.blocks),
  ];
  const rows: G1dRow[] = [];
  const curves: Array<{ model: string; history: TrainingRecord[] }> = [];
  const paths: TrajectorySample[] = [];
  for (const model of models) {
    const start = performance.now();
    const { history, failure } = trainWithAdam({
      variables: model.module.variables, steps: config.steps, learningRate: config.learningRate,
      loss: () => tf.mean(tf.square(tf.sub(model.predict(x), y))) as tf.Scalar,
      onStep: () => onStep(model.name),
    });
    const seconds = (performance.now() - start) / 1000;
    const mse = tf.tidy(() => tf.mean(tf.square(tf.sub(model.predict(x), y))).dataSync()[0]);
    rows.push({ model: model.name, parameters: model.module.parameterCount, mse, seconds, failure });
    curves.push({ model: model.name, history });
    const { depths, states } = model.path(starts);
    const startValues = starts.dataSync();
    paths.push(...states.flatMap((atDepth, k) => atDepth.map((state, i) => ({ panel: model.name, trajectory: i, t: depths[k], x: state[0], group: startValues[i] }))));
    model.module.dispose();
  }
  tf.dispose([x, y, starts]);
  return { floor, rows, curves, paths };
}

function resultsTable(rows: G1dRow[]): Table {
  return {
    columns: ['model', 'params', 'train MSE', 'train s', 'note'],
    rows: rows.map((r) => [r.model, r.parameters, r.mse, Number(r.seconds.toFixed(1)), r.failure ?? '']),
  };
}

/** MSE below which a model represents g_1d. */
const fit = 0.01;

export function g1dClaims(rows: G1dRow[], floor: number): PaperClaim[] {
  const row = (name: string) => rows.find((r) => r.model === name);
  const mse = (r: G1dRow) => ({ label: `${r.model} train MSE`, value: r.mse });
  const claims: PaperClaim[] = [];
  const node = row(names.node);
  if (node) {
    claims.push({
      claim: 'the flow of a 1-D ODE cannot represent g_1d', source: 'ANODE slides g_1d Proposition 1',
      checks: [check(mse(node), '≥', { label: '0.9 × the least MSE of any increasing map', value: 0.9 * floor })],
    });
  }
  const resnet = row(names.resnet);
  if (resnet) claims.push({ claim: 'ResNets, on the other hand, can (discrete jumps let trajectories cross)', source: 'ANODE slides g_1d (ResNets can)', checks: [check(mse(resnet), '<', fit)] });
  const anode = row(names.anode);
  if (anode) claims.push({ claim: 'augmenting the space by one dimension lets the flow represent it', source: 'ANODE slides augmentation', checks: [check(mse(anode), '<', fit)] });
  return claims;
}

const solver: ModelSolver = { method: 'dopri5', rtol: 1e-3, atol: 1e-4, gradient: 'backprop', maxSteps: 1000 };

/** `g1d`: ANODE's g_1d in one dimension, NODE vs ANODE vs a ResNet. */
export const g1dCommand = experimentCommand({
  name: 'g1d',
  summary: "ANODE's g_1d (g(−1) = 1, g(1) = −1) in 1-D: a NODE cannot, a ResNet and ANODE (p = 1) can; fits, depth paths, training losses",
  variants: {
    quick: { points: 32, noise: 0.1, steps: 100, learningRate: 0.02, hidden: 16, blocks: 3, solver },
    full: { points: 64, noise: 0.1, steps: 400, learningRate: 0.02, hidden: 16, blocks: 3, solver },
  },
  configure: seeded,
  run: (config: G1dConfig, context) => withProgress(context.progress('g1d', 3 * config.steps, names.node), (tick) => runG1d(config, tick)),
  title: () => 'g1d: crossing trajectories in one dimension',
  setup: ({ config, result, backend }) =>
    `${config.points} points, half at x = −1 (target 1) and half at x = 1 (target −1), x with N(0, ${config.noise}²) noise. ` +
    `NODE ẋ = f(x) and ANODE (one zero-initialised extra dimension) with f: ${config.hidden} tanh units, over [0, 1], the prediction the first coordinate of x(1) ` +
    `(no readout: a linear one alone maps x to −x); dopri5 (rtol ${solver.rtol}, atol ${solver.atol}), backprop. ResNet: ${config.blocks} blocks x + f_k(x), each 1 → ${config.hidden} → 1 tanh. ` +
    `MSE, Adam ${config.learningRate} × ${config.steps}; seed ${config.seed}; ${backend} backend. The least MSE of any increasing map of these points: ${result.floor.toFixed(3)}.`,
  sections: ({ result }) => [{ heading: 'Results', table: resultsTable(result.rows) }],
  claims: ({ result }) => g1dClaims(result.rows, result.floor),
  plots: ({ result }) => [
    trajectoriesOverTimePlot('paths', 'x over depth from x(0) near ±1 (target −x(0)); ResNet: after each block', result.paths, { tTitle: 'depth (t, or block / K)', xTitle: 'x' }),
    linePlot({
      name: 'training', title: 'Training losses for NODE, ANODE and ResNet (ANODE slides)', xTitle: 'step', yTitle: 'MSE', yScale: 'log', legendTitle: 'model',
      points: result.curves.flatMap(({ model, history }) => history.map((r) => ({ series: model, x: r.step, y: r.loss }))),
    }),
  ],
  data: ({ config, result }) => ({ config, ...result }),
});
