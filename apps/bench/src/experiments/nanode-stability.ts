import * as tf from '@tensorflow/tfjs-core';
import { concentricAnnuli } from '@tfode/datasets';
import { chebyshev, lecunCoefficientStd, OrthogonalTimeVaryingWeight, TimeVaryingWeight } from '@tfode/nanode-bases';
import { ControlledODE, MLP, Module } from '@tfode/ncode';
import { linePlot } from '../plots/line-plot';
import { check, percent, type PaperClaim } from '../report/paper-claims';
import type { Table } from '../report/report';
import { withProgress } from '../runtime/progress';
import { computeEveryUnit, type UnitCache } from '../runtime/unit-cache';
import { trainWithAdam, type TrainingRecord } from '../training/training-loop';
import { accuracy, annuliTensors } from './annuli';
import { experimentCommand, seeded } from './experiment';

export interface NanodeStabilityConfig {
  trainPoints: number;
  testPoints: number;
  /** State width n (W(t) is n × n) and the depth T of the flow s ∈ [0, T]. */
  width: number;
  depth: number;
  stepSize: number;
  steps: number;
  learningRate: number;
  seed: number;
}

/** The variables of a field's time-varying weights, named, so the model saves and counts them like any module. */
class FieldWeights extends Module {
  constructor(parts: Record<string, tf.Variable[]>) {
    super();
    for (const [name, variables] of Object.entries(parts)) this.adoptVariables(name, variables);
  }
}

/** W(t) as a host matrix and x ↦ x·W(t), for the unconstrained and the orthogonal (Householder) weight. */
interface SquareWeight {
  variables: tf.Variable[];
  apply(t: number, x: tf.Tensor2D): tf.Tensor2D;
  matrixAt(t: number): tf.Tensor2D;
}

/** Degree 4: T_0 … T_4 on the depth [0, T] (NANODE Fig 3). */
const basisOf = (config: NanodeStabilityConfig) => chebyshev(5, [0, config.depth]);

function unconstrained(config: NanodeStabilityConfig): SquareWeight {
  const basis = basisOf(config);
  const weight = new TimeVaryingWeight(basis, [config.width, config.width], { std: lecunCoefficientStd(basis, config.width, 1), seed: config.seed + 5 });
  return {
    variables: weight.variables,
    apply: (t, x) => tf.tidy(() => tf.matMul(x, weight.at(t) as tf.Tensor2D)),
    matrixAt: (t) => weight.at(t) as tf.Tensor2D,
  };
}

function orthogonal(config: NanodeStabilityConfig): SquareWeight {
  const weight = new OrthogonalTimeVaryingWeight(basisOf(config), config.width, { init: { std: 1, seed: config.seed + 5 } });
  return { variables: weight.variables, apply: (t, x) => weight.apply(t, x), matrixAt: (t) => weight.at(t) };
}

/** ‖A‖₂ of a small square matrix by power iteration on AᵀA (host). */
export function spectralNorm(a: number[][]): number {
  const n = a.length;
  let v = Array.from({ length: n }, (_, i) => 1 / Math.sqrt(n) + 1e-3 * i);
  let norm = 0;
  for (let iteration = 0; iteration < 200; iteration++) {
    const av = a.map((row) => row.reduce((s, aij, j) => s + aij * v[j], 0));
    const atav = v.map((_, j) => a.reduce((s, row, i) => s + row[j] * av[i], 0));
    const length = Math.sqrt(atav.reduce((s, x) => s + x * x, 0));
    if (length === 0) return 0;
    v = atav.map((x) => x / length);
    norm = Math.sqrt(length);
  }
  return norm;
}

/** The annuli classifier: a linear lift 2 → n, ẋ = tanh(x·W(t) + b(t)) over [0, T] (rk4), a linear readout n → 1. */
function stabilityModel(config: NanodeStabilityConfig, weight: SquareWeight): ControlledODE {
  const basis = basisOf(config);
  const bias = new TimeVaryingWeight(basis, [config.width], 'zeros');
  const lift = new MLP([2, config.width], { seed: config.seed + 1, activation: 'linear' });
  const readout = new MLP([config.width, 1], { seed: config.seed + 2, activation: 'linear' });
  return new ControlledODE({
    modules: { lift, field: new FieldWeights({ weight: weight.variables, bias: bias.variables }), readout },
    inputNet: (x) => lift.apply(x),
    field: (t, x) => tf.tanh(tf.add(weight.apply(t, x as tf.Tensor2D), bias.at(t))),
    outputNet: (x) => readout.apply(x),
    times: [0, config.depth],
    solver: { method: 'rk4', stepSize: config.stepSize, gradient: 'backprop' },
  });
}

export interface StabilityRow {
  model: string;
  parameters: number;
  bestLoss: number;
  finalLoss: number;
  /** Final over best training loss; ∞ when training stopped on a non-finite loss or a failed solve. */
  collapse: number;
  testAccuracy: number;
  /** Largest ‖W(t)‖₂ over 51 depths of [0, T] after training. */
  maxNorm: number;
  failure: string | null;
}

const names = { plain: 'Chebyshev-4, unconstrained W(t)', orthogonal: 'Chebyshev-4, orthogonal W(t) (Householder)' };

/**
 * Trains both variants on the annuli with the same lift, readout and seed; records loss curves, accuracy
 * and ‖W(t)‖₂. Each variant is one unit of `units` (read back under --resume).
 */
export async function runNanodeStability(config: NanodeStabilityConfig, onStep: (model: string) => void = () => {}, units: UnitCache = computeEveryUnit) {
  const train = annuliTensors(concentricAnnuli({ numPoints: config.trainPoints, seed: config.seed }));
  const test = annuliTensors(concentricAnnuli({ numPoints: config.testPoints, seed: config.seed + 1_000_003 }));
  const rows: StabilityRow[] = [];
  const curves: Array<{ model: string; history: TrainingRecord[] }> = [];
  try {
    for (const [name, makeWeight] of [[names.plain, unconstrained], [names.orthogonal, orthogonal]] as const) {
      const unit = await units.run(name, () => {
        const weight = makeWeight(config);
        const model = stabilityModel(config, weight);
        try {
          const { history, failure } = trainWithAdam({
            variables: model.variables, steps: config.steps, learningRate: config.learningRate,
            loss: () => tf.losses.sigmoidCrossEntropy(train.labels, model.predict(train.x)) as tf.Scalar,
            onStep: () => onStep(name),
          });
          const losses = history.map((r) => r.loss).filter(Number.isFinite);
          const bestLoss = Math.min(...losses);
          const finalLoss = history[history.length - 1]?.loss ?? Number.NaN;
          const maxNorm = Math.max(...Array.from({ length: 51 }, (_, k) => {
            const matrix = weight.matrixAt((k / 50) * config.depth);
            const norm = spectralNorm(matrix.arraySync() as number[][]);
            matrix.dispose();
            return norm;
          }));
          const row: StabilityRow = {
            model: name, parameters: model.parameterCount, bestLoss, finalLoss, collapse: failure || !Number.isFinite(finalLoss) ? Number.POSITIVE_INFINITY : finalLoss / bestLoss,
            testAccuracy: failure ? Number.NaN : accuracy(model, test.x, test.labels), maxNorm, failure,
          };
          return { row, curve: { model: name, history } };
        } finally {
          model.dispose(); // its modules hold the weight's variables too
        }
      }, { steps: config.steps, tick: onStep });
      rows.push(unit.row);
      curves.push(unit.curve);
    }
  } finally {
    tf.dispose([train.x, train.labels, test.x, test.labels]);
  }
  return { rows, curves };
}

function resultsTable(rows: StabilityRow[]): Table {
  return {
    columns: ['model', 'params', 'best loss', 'final loss', 'final / best', 'test acc', 'max ‖W(t)‖₂', 'note'],
    rows: rows.map((r) => [r.model, r.parameters, r.bestLoss, r.finalLoss, r.collapse, percent(r.testAccuracy), r.maxNorm, r.failure ?? '']),
  };
}

/** Final over best loss above which learning "collapsed", and below which it stayed "stable". */
const collapsed = 2;
const stable = 1.1;

export function nanodeStabilityClaims(rows: StabilityRow[]): PaperClaim[] {
  const source = 'NANODE Fig 3';
  const claims: PaperClaim[] = [];
  const ratio = (r: StabilityRow) => ({ label: `${r.model}: final / best training loss (∞: stopped)`, value: r.collapse });
  const plain = rows.find((r) => r.model === names.plain);
  const ortho = rows.find((r) => r.model === names.orthogonal);
  if (plain) claims.push({ claim: 'a NANODE with degree-4 Chebyshev weights, not orthogonal, suffers learning collapse', source, checks: [check(ratio(plain), '>', collapsed)] });
  if (ortho) {
    claims.push({ claim: 'the orthogonal re-parametrisation preserves learning stability', source, checks: [check(ratio(ortho), '<', stable)] });
    claims.push({ claim: 'Householder reflections keep W(t) orthogonal', source: 'NANODE §2.5 Lemma 1', checks: [check({ label: `${ortho.model}: |max ‖W(t)‖₂ − 1|`, value: Math.abs(ortho.maxNorm - 1) }, '<', 1e-3)] });
  }
  return claims;
}

/** `nanode-stability`: NANODE Fig 3, Chebyshev-4 weights with and without the orthogonal re-parametrisation. */
export const nanodeStabilityCommand = experimentCommand({
  name: 'nanode-stability',
  summary: 'NANODE Fig 3: learning curves of Chebyshev-4 NANODEs with unconstrained vs orthogonal (Householder) W(t) on the annuli, and ‖W(t)‖₂',
  variants: {
    quick: { trainPoints: 128, testPoints: 256, width: 8, depth: 5, stepSize: 0.25, steps: 80, learningRate: 0.05 },
    full: { trainPoints: 256, testPoints: 1024, width: 16, depth: 10, stepSize: 0.1, steps: 400, learningRate: 0.05 },
  },
  configure: seeded,
  run: (config: NanodeStabilityConfig, context) => withProgress(context.progress('nanode-stability', 2 * config.steps, names.plain), (tick) => runNanodeStability(config, tick, context.units)),
  title: () => 'nanode-stability: Chebyshev weights with and without orthogonality',
  setup: ({ config, backend }) =>
    `Concentric annuli as in \`annuli\` (${config.trainPoints} training, ${config.testPoints} test points). A linear lift 2 → ${config.width}, ` +
    `ẋ = tanh(x·W(t) + b(t)) over s ∈ [0, ${config.depth}] with W(t) (${config.width} × ${config.width}) and b(t) on Chebyshev polynomials T_0 … T_4 of the depth, ` +
    `either unconstrained (LeCun-scaled coefficients) or W(t) = H(u_1(t)) ⋯ H(u_${config.width}(t)), Householder vectors on the same basis (NANODE §2.5); a linear readout. ` +
    `rk4 h = ${config.stepSize}, backprop; BCE, Adam ${config.learningRate} × ${config.steps}; no batch norm (the paper's unconstrained variant had it). Seed ${config.seed}; ${backend} backend.`,
  sections: ({ result }) => [{ heading: 'Results', table: resultsTable(result.rows) }],
  claims: ({ result }) => nanodeStabilityClaims(result.rows),
  plots: ({ result }) => [
    linePlot({
      name: 'learning-curves', title: 'Training loss of the two Chebyshev-4 NANODEs (NANODE Fig 3)', xTitle: 'step', yTitle: 'BCE', yScale: 'log', legendTitle: 'W(t)',
      points: result.curves.flatMap(({ model, history }) => history.filter((r) => Number.isFinite(r.loss)).map((r) => ({ series: model, x: r.step, y: r.loss }))),
    }),
  ],
  data: ({ config, result }) => ({ config, ...result }),
});
