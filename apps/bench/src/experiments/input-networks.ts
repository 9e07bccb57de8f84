import * as tf from '@tensorflow/tfjs-core';
import { concentricAnnuli } from '@tfode/datasets';
import { ControlledODE, MLP } from '@tfode/ncode';
import { evaluateOnGrid } from '../metrics/decision-grid';
import { stateTrajectories, trajectorySamples } from '../metrics/model-trajectories';
import { decisionBoundaryPlot, type DecisionPanel } from '../plots/decision-plot';
import { stateSpaceFlowPlot, type TrajectorySample } from '../plots/trajectory-plot';
import { check, percent, type Measured, type PaperClaim } from '../report/paper-claims';
import type { Table } from '../report/report';
import { withProgress } from '../runtime/progress';
import type { ModelSolver } from '../training/model-solver';
import { trainWithAdam } from '../training/training-loop';
import { accuracy, annuliTensors } from './annuli';
import { experimentCommand, seeded } from './experiment';

export interface InputNetworksConfig {
  trainPoints: number;
  testPoints: number;
  steps: number;
  /** Adam steps of the linear probe on the frozen z(0). */
  probeSteps: number;
  learningRate: number;
  hidden: number;
  gridResolution: number;
  flowPoints: number;
  seed: number;
  solver: ModelSolver;
}

/** A classifier of the annuli: its logit, its trainable variables, and what to free. */
interface Classifier {
  predict(x: tf.Tensor): tf.Tensor;
  variables: tf.Variable[];
  dispose(): void;
}

/** h_x of Dissecting Fig 6: two fully connected layers with a tanh, R² → R² (no augmentation). */
const inputNetwork = (hidden: number, seed: number) => new MLP([2, hidden, 2], { seed, activation: 'tanh' });

/** The Fig 6 model: z(0) = h_x(x), ż = f(z) on R² over [0, 1], a linear readout of z(1). */
function inputNetworkODE(config: InputNetworksConfig): ControlledODE {
  const input = inputNetwork(config.hidden, config.seed + 1);
  const field = new MLP([2, config.hidden, 2], { seed: config.seed + 2 });
  const readout = new MLP([2, 1], { seed: config.seed + 3, activation: 'linear' });
  return new ControlledODE({
    modules: { input, field, readout },
    inputNet: (x) => input.apply(x),
    field: (_t, z) => field.apply(z),
    outputNet: (z) => readout.apply(z),
    solver: config.solver,
  });
}

/** A linear readout of `features(x)`; the variables of `trained` (the networks `features` applies, if they are trained too) are trained and freed with it. */
function linearClassifier(seed: number, features: (x: tf.Tensor) => tf.Tensor, trained: MLP[] = []): Classifier {
  const readout = new MLP([2, 1], { seed, activation: 'linear' });
  return {
    predict: (x) => readout.apply(features(x)),
    variables: [...readout.variables, ...trained.flatMap((m) => m.variables)],
    dispose: () => [readout, ...trained].forEach((m) => m.dispose()),
  };
}

export interface InputNetworksRow {
  model: string;
  parameters: number;
  trainLoss: number;
  testAccuracy: number;
  failure: string | null;
}

const names = {
  ode: 'h_x (2 layers) → NODE → linear readout',
  probe: 'linear readout of the frozen z(0) = h_x(x) of that model',
  alone: 'h_x (2 layers) → linear readout, no ODE',
};

/**
 * Trains the Fig 6 model on the annuli; then, with its h_x frozen, a linear readout of z(0) alone
 * (are the classes separable before the flow?); and the same h_x and readout without any ODE.
 */
export function runInputNetworks(config: InputNetworksConfig, onStep: (model: string) => void = () => {}) {
  const train = annuliTensors(concentricAnnuli({ numPoints: config.trainPoints, seed: config.seed }));
  const testData = concentricAnnuli({ numPoints: config.testPoints, seed: config.seed + 1_000_003 });
  const test = annuliTensors(testData);
  const fit = (name: string, model: Classifier, steps: number): InputNetworksRow => {
    const { history, failure } = trainWithAdam({
      variables: model.variables, steps, learningRate: config.learningRate,
      loss: () => tf.losses.sigmoidCrossEntropy(train.labels, model.predict(train.x)) as tf.Scalar,
      onStep: () => onStep(name),
    });
    return {
      model: name, parameters: model.variables.reduce((n, v) => n + v.size, 0), trainLoss: history[history.length - 1]?.loss ?? Number.NaN,
      testAccuracy: accuracy(model, test.x, test.labels), failure,
    };
  };
  const ode = inputNetworkODE(config);
  const rows = [fit(names.ode, { predict: (x) => ode.predict(x), variables: ode.variables, dispose: () => ode.dispose() }, config.steps)];
  const nfe = ode.lastStats.forward.nfe;
  const input = ode.modules.input as MLP;
  const probe = linearClassifier(config.seed + 4, (x) => input.apply(x));
  rows.push(fit(names.probe, probe, config.probeSteps));
  // The flows from z(0) to z(1) in the latent plane, and P(outer) over the input plane.
  const flowX = tf.slice(test.x, [0, 0], [Math.min(config.flowPoints, testData.size), 2]);
  const times = Array.from({ length: 11 }, (_, i) => i / 10);
  const className = (i: number) => (testData.y[i] === 1 ? 'outer' : 'inner');
  const flows: TrajectorySample[] = trajectorySamples('latent flow z(s), s ∈ [0, 1]', stateTrajectories(ode, flowX, times), times, className);
  const panels: DecisionPanel[] = [
    { panel: names.ode, cells: evaluateOnGrid((p) => tf.sigmoid(ode.predict(p)), -2, 2, config.gridResolution), points: [] },
    { panel: names.probe, cells: evaluateOnGrid((p) => tf.sigmoid(probe.predict(p)), -2, 2, config.gridResolution), points: [] },
  ];
  probe.dispose();
  ode.dispose();
  const alone = inputNetwork(config.hidden, config.seed + 1);
  const shallow = linearClassifier(config.seed + 3, (x) => alone.apply(x), [alone]);
  rows.push(fit(names.alone, shallow, config.steps));
  shallow.dispose();
  tf.dispose([train.x, train.labels, test.x, test.labels, flowX]);
  return { rows, nfe, flows, panels };
}

function resultsTable(rows: InputNetworksRow[]): Table {
  return {
    columns: ['model', 'trained params', 'train loss', 'test acc', 'note'],
    rows: rows.map((r) => [r.model, r.parameters, r.trainLoss, percent(r.testAccuracy), r.failure ?? '']),
  };
}

/** Test accuracy at which a model separates the annuli (as in `annuli`). */
const target = 0.98;

export function inputNetworksClaims(rows: InputNetworksRow[]): PaperClaim[] {
  const accuracyOf = (name: string): Measured | undefined => {
    const row = rows.find((r) => r.model === name);
    return row && { label: `${row.model}: test accuracy`, value: row.testAccuracy, format: percent };
  };
  const source = 'Dissecting Fig 6';
  const claims: PaperClaim[] = [];
  const [ode, probe, alone] = [accuracyOf(names.ode), accuracyOf(names.probe), accuracyOf(names.alone)];
  if (ode) claims.push({ claim: 'a 2-layer nonlinear input network followed by a NODE solves the annuli without augmentation', source, checks: [check(ode, '≥', target)] });
  if (probe) claims.push({ claim: 'the flow is superfluous: the classes are already linearly separable after h_x', source, checks: [check(probe, '≥', target)] });
  if (alone) claims.push({ claim: 'the input network alone, with a linear readout and no ODE, solves it too', source: `${source} (the ablation its text implies)`, checks: [check(alone, '≥', target)] });
  return claims;
}

const solver: ModelSolver = { method: 'dopri5', rtol: 1e-3, atol: 1e-4, gradient: 'backprop', maxSteps: 1000 };

/** `input-networks`: Dissecting Fig 6, "mind your input networks". */
export const inputNetworksCommand = experimentCommand({
  name: 'input-networks',
  summary: 'annuli behind a 2-layer input network (Dissecting Fig 6): the NODE solves it, but a linear readout of h_x(x) alone does as well — the flow is superfluous',
  variants: {
    quick: { trainPoints: 128, testPoints: 256, steps: 60, probeSteps: 150, learningRate: 0.03, hidden: 16, gridResolution: 30, flowPoints: 32, solver },
    full: { trainPoints: 256, testPoints: 1024, steps: 250, probeSteps: 400, learningRate: 0.02, hidden: 16, gridResolution: 50, flowPoints: 64, solver },
  },
  configure: seeded,
  run: (config: InputNetworksConfig, context) =>
    withProgress(context.progress('input-networks', 2 * config.steps + config.probeSteps, names.ode), (tick) => runInputNetworks(config, tick)),
  title: () => 'input-networks: a nonlinear h_x makes the flow superfluous',
  setup: ({ config, result, backend }) =>
    `Concentric annuli as in \`annuli\` (${config.trainPoints} training, ${config.testPoints} test points), no augmentation: ` +
    `z(0) = h_x(x) with h_x = 2 → ${config.hidden} (tanh) → 2, a NODE ż = f(z) (2 → ${config.hidden} tanh → 2) over [0, 1], a linear readout; BCE, Adam ${config.learningRate} × ${config.steps}, ` +
    `dopri5 (rtol ${solver.rtol}, atol ${solver.atol}), backprop; NFE of the trained model ${result.nfe}. Then its h_x frozen and a new linear readout of z(0) trained ` +
    `(${config.probeSteps} steps), and h_x with a linear readout and no ODE trained from the same initialisation (${config.steps} steps). Seed ${config.seed}; ${backend} backend.`,
  sections: ({ result }) => [{ heading: 'Results', table: resultsTable(result.rows) }],
  claims: ({ result }) => inputNetworksClaims(result.rows),
  plots: ({ result }) => [
    stateSpaceFlowPlot('latent-flows', 'Test points in the latent plane: z(0) = h_x(x) (hollow) flowing to z(1) (dot)', result.flows, { groupTitle: 'class', columns: 1 }),
    decisionBoundaryPlot('decision-boundaries', 'P(outer) over the input plane: with the flow, and a linear readout of z(0) alone', result.panels, { valueTitle: 'P(outer)' }),
  ],
  data: ({ config, result }) => ({ config, rows: result.rows, nfe: result.nfe, flows: result.flows, decisionGrids: result.panels.map(({ panel, cells }) => ({ panel, cells })) }),
});
