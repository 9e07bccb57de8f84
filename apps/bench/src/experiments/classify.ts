import { join } from 'node:path';
import type { ArrayDataset } from '@tfode/datasets';
import { holdOut, type ImageData, type ImageDatasetName } from '../data/image-data';
import { classifierAccuracy } from '../metrics/classifier-accuracy';
import { classifierNames, filtersForBudget, readoutOnly, type ClassifierName, type ImageClassifier } from '../models/image-classifiers';
import type { Plot } from '../plots/plot';
import type { Table } from '../report/report';
import { stoppedSection } from '../report/stopped-section';
import type { BenchCommand } from '../runtime/bench-command';
import { classifierInputs, classifierJob, classifierOptions, type ClassificationConfig, type ClassifierRun } from '../training/classifier-training';
import { trainOnImages, type TrainingIo } from '../training/train-on-images';
import { experimentCommand, type FinishedRun, type Variants } from './experiment';
import { classifyClaims } from './image-claims';
import { imageExperimentFlags, imageFacts, imageRun, imagesSentence, loadRunImages, trainingIo, type ImageRun, type ImageSizes } from './image-run';

/** Sizes of a run: the full variant fits in about an hour on 2 cores (wasm), `--quick` in a couple of minutes. */
export type ClassifySizes = ImageSizes<ClassificationConfig>;

// Every model sized to about the same parameter count (Dissecting Table 1: ≈ 20 K on MNIST), the same
// readout for all, centred inputs, the same learning-rate sweep for all, 3 seeds.
const base = {
  models: [...classifierNames], batchSize: 16, learningRates: [1e-3, 3e-4], augment: 10, tolerance: 1e-3, downsample: 1,
  gradient: 'checkpoint' as const, maxSteps: 100, readout: 'input' as const, centre: true, gammaInit: 'layer-scale' as const,
};
export const classifySizes: Variants<ClassifySizes> = {
  full: { trainSize: 4500, testSize: 1000, config: { ...base, validationSize: 500, size: { budget: 20_000 }, seeds: 3, epochs: 2 } },
  quick: { trainSize: 256, testSize: 200, config: { ...base, validationSize: 64, size: { budget: 10_000 }, seeds: 1, epochs: 1 } },
};

// Dissecting Table 1 (NODE … 2nd-order: accuracy %, NFE, params K) and N-CODE §4.2 Table 1
// (ANODE, NODE DC, N-CODE: accuracy %), MNIST and CIFAR-10.
const paper: Record<string, Record<string, string>> = {
  mnist: {
    NODE: '96.8 % · NFE 98 · 21.4K', ANODE: '98.9 % · NFE 71 · 20.4K (N-CODE: 98.2 %)', 'IL-NODE': '99.1 % · NFE 44 · 20.7K',
    '2nd-order': '99.2 % · NFE 43 · 20.0K', 'NODE DC': '98.5 % (N-CODE)', 'N-CODE open': '99.2 % (N-CODE)',
  },
  cifar10: {
    NODE: '58.9 % · NFE 93 · 37.1K', ANODE: '70.8 % · NFE 169 · 35.0K (N-CODE: 61.2 %)', 'IL-NODE': '73.4 % · NFE 65 · 36.1K',
    '2nd-order': '72.8 % · NFE 59 · 34.6K', 'NODE DC': '62.0 % (N-CODE)', 'N-CODE open': '74.1 % (N-CODE)',
  },
};

/** One seed's run of a classifier. */
export interface SeedResult {
  seed: number;
  testAccuracy: number;
  meanNfe: number;
  trainSeconds: number;
  history: Array<Record<string, number>>;
  /** Why training stopped early; such a run is not tested (accuracy and NFE are NaN). */
  stopped?: string;
}

/** One rate of a model's learning-rate sweep (first seed): accuracy on the held-out training images. */
export interface SweepResult {
  learningRate: number;
  /** NaN when training stopped early, or when there was nothing to choose (one rate). */
  validationAccuracy: number;
  trainSeconds: number;
  stopped?: string;
}

/** A classifier over its seeds: means over the seeds that trained to the end. */
export interface ClassifierResult {
  model: ClassifierName;
  /** k of the conv field (0 for the flow-free baseline). */
  filters: number;
  parameters: number;
  /** The Adam step size its seeds ran at: the sweep's best on the validation images. */
  learningRate: number;
  sweep: SweepResult[];
  /** Mean test accuracy over the finished seeds. */
  testAccuracy: number;
  /** Standard error of that mean (NaN with one seed). */
  accuracyError: number;
  /** Mean forward NFE over the test batches, with the trained models. */
  meanNfe: number;
  /** Training time of its seeds and of the sweep's other rates. */
  trainSeconds: number;
  seeds: SeedResult[];
  /** Set when no seed trained to the end: the first seed's reason. */
  stopped?: string;
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const standardError = (values: number[]) =>
  values.length < 2 ? Number.NaN : Math.sqrt(values.reduce((s, v) => s + (v - mean(values)) ** 2, 0) / (values.length - 1) / values.length);

/** The training of one phase, checkpointed in its own folder under the run's, so that a resume finds each phase's own. */
const phaseIo = (io: TrainingIo, phase: string): TrainingIo => ({ ...io, checkpoint: { ...io.checkpoint, folder: join(io.checkpoint.folder, phase) } });

/** The rate of the best validation accuracy among the finished runs (the first rate when none finished or there was one). */
function bestRate(sweep: SweepResult[]): number {
  const finished = sweep.filter((s) => !Number.isNaN(s.validationAccuracy));
  return finished.length === 0 ? sweep[0].learningRate : finished.reduce((best, s) => (s.validationAccuracy > best.validationAccuracy ? s : best)).learningRate;
}

/**
 * Sizes each model (its k for the parameter budget), sweeps the learning rates with the first seed
 * (scored on the held-out training images), trains the other seeds at each model's best rate (every
 * phase checkpointed and resumable), tests each run that trained to the end, and gives each model's
 * mean ± standard error.
 */
export async function runClassification(data: ImageData, config: ClassificationConfig, io: TrainingIo): Promise<ClassifierResult[]> {
  if (config.learningRates.length === 0 || config.learningRates.some((rate) => !(Number.isFinite(rate) && rate > 0))) {
    throw new Error(`learningRates must be positive numbers, got [${config.learningRates}]`);
  }
  if (config.learningRates.length > 1 && config.validationSize === 0) throw new Error('a learning-rate sweep needs held-out images: set validationSize > 0');
  const { fit, validation } = holdOut(data, config.validationSize);
  const options = classifierOptions(fit, config, config.seed);
  const filters = new Map(config.models.map((name) => [name, 'budget' in config.size ? filtersForBudget(name, options, config.size.budget) : config.size.filters]));
  const prepare = classifierInputs(fit, config);
  const score = (run: { model: ImageClassifier; stopped?: string }, images: ArrayDataset | undefined) =>
    run.stopped === undefined && images ? classifierAccuracy(run.model, images, { batchSize: config.batchSize, prepare }) : { accuracy: Number.NaN, meanNfe: Number.NaN };

  // The sweep: every model at every rate with the first seed.
  const sweepRuns: ClassifierRun[] = config.models.flatMap((name) =>
    config.learningRates.map((learningRate) => ({ name, seed: config.seed, filters: filters.get(name)!, learningRate })));
  const swept = await trainOnImages('classify sweep', sweepRuns.map((run) => classifierJob(run, fit, config)), fit, config, phaseIo(io, 'sweep'));
  const sweeps = new Map<ClassifierName, SweepResult[]>(config.models.map((name) => [name, []]));
  for (const [i, run] of swept.entries()) {
    const { accuracy } = await score(run, config.learningRates.length > 1 ? validation : undefined);
    sweeps.get(sweepRuns[i].name)!.push({ learningRate: sweepRuns[i].learningRate, validationAccuracy: accuracy, trainSeconds: run.trainSeconds, ...(run.stopped ? { stopped: run.stopped } : {}) });
  }
  const chosen = new Map(config.models.map((name) => [name, bestRate(sweeps.get(name)!)]));

  // The other seeds at each model's chosen rate; the sweep's run at that rate is the first seed.
  const seedRuns: ClassifierRun[] = config.models.flatMap((name) =>
    Array.from({ length: config.seeds - 1 }, (_, i) => ({ name, seed: config.seed + 1 + i, filters: filters.get(name)!, learningRate: chosen.get(name)! })));
  const seeded = await trainOnImages('classify seeds', seedRuns.map((run) => classifierJob(run, fit, config)), fit, config, phaseIo(io, 'seeds'), { rates: [...chosen] });
  const runs = [
    ...sweepRuns.flatMap((run, i) => (run.learningRate === chosen.get(run.name) ? [{ run, trained: swept[i] }] : [])),
    ...seedRuns.map((run, i) => ({ run, trained: seeded[i] })),
  ];
  for (const [i, trained] of swept.entries()) if (sweepRuns[i].learningRate !== chosen.get(sweepRuns[i].name)) trained.model.dispose();

  const tested: Array<SeedResult & { model: ClassifierName; parameters: number }> = [];
  const progress = io.progress('classify test', runs.length, runs[0]?.trained.name ?? '');
  for (const { run, trained } of runs) {
    const { accuracy, meanNfe } = await score(trained, data.test);
    const { history, trainSeconds, stopped } = trained;
    tested.push({ model: run.name, seed: run.seed, parameters: trained.model.parameterCount, testAccuracy: accuracy, meanNfe, trainSeconds, history, stopped });
    trained.model.dispose();
    progress.tick(trained.name);
  }
  progress.stop();
  return config.models.map((model) => {
    const seeds = tested.filter((t) => t.model === model).sort((a, b) => a.seed - b.seed);
    const finished = seeds.filter((t) => t.stopped === undefined);
    const sweep = sweeps.get(model)!;
    const otherRates = sweep.filter((s) => s.learningRate !== chosen.get(model));
    return {
      model, filters: filters.get(model)!, parameters: seeds[0].parameters, learningRate: chosen.get(model)!, sweep,
      testAccuracy: finished.length > 0 ? mean(finished.map((t) => t.testAccuracy)) : Number.NaN,
      accuracyError: standardError(finished.map((t) => t.testAccuracy)),
      meanNfe: finished.length > 0 ? mean(finished.map((t) => t.meanNfe)) : Number.NaN,
      trainSeconds: [...seeds, ...otherRates].reduce((sum, t) => sum + t.trainSeconds, 0),
      seeds: seeds.map(({ model: _model, parameters: _parameters, ...seed }) => seed),
      ...(finished.length === 0 ? { stopped: seeds[0].stopped } : {}),
    };
  });
}

function resultsTable(rows: ClassifierResult[], dataset: ImageDatasetName): Table {
  const accuracy = (r: ClassifierResult) => {
    if (r.stopped !== undefined) return 'stopped';
    const value = (100 * r.testAccuracy).toFixed(1);
    const finished = r.seeds.filter((s) => s.stopped === undefined).length;
    const spread = Number.isNaN(r.accuracyError) ? '' : ` ± ${(100 * r.accuracyError).toFixed(1)}`;
    return `${value}${spread} (${finished}/${r.seeds.length} seeds)`;
  };
  return {
    columns: ['model', 'k', 'params', 'Adam', 'test accuracy % (mean ± s.e.)', 'mean NFE (test)', 'train s', 'paper'],
    rows: rows.map((r) => [
      r.model, r.filters, r.parameters, r.learningRate, accuracy(r), r.stopped === undefined ? Number(r.meanNfe.toFixed(1)) : '—',
      Number(r.trainSeconds.toFixed(0)), paper[dataset]?.[r.model] ?? '—',
    ]),
  };
}

/** Each model's validation accuracy at each swept rate (the first seed), and which rate its seeds ran at. */
function sweepTable(rows: ClassifierResult[]): Table {
  const rates = rows[0].sweep.map((s) => s.learningRate);
  return {
    columns: ['model', ...rates.map((rate) => `validation % at Adam ${rate}`), 'chosen'],
    rows: rows.map((r) => [r.model, ...r.sweep.map((s) => (s.stopped !== undefined ? 'stopped' : (100 * s.validationAccuracy).toFixed(1))), r.learningRate]),
  };
}

const gradientWording: Record<ClassificationConfig['gradient'], string> = {
  backprop: 'by backprop through the solver',
  checkpoint: "by checkpointing (backprop's gradient, replayed one accepted step at a time)",
  adjoint: 'by the adjoint method (solved backward in time)',
};

/** `--models` and `--learning-rates`: a subset of the classifiers, and the Adam step sizes to sweep (one: no sweep). */
function readClassifyOverrides(args: Record<string, unknown>): Partial<ClassificationConfig> {
  const out: Partial<ClassificationConfig> = {};
  if (typeof args.models === 'string') {
    const names = args.models.split(',').map((name) => name.trim());
    const unknown = names.filter((name) => !(classifierNames as readonly string[]).includes(name));
    if (unknown.length > 0 || names.length === 0) {
      throw new Error(`--models: unknown model(s) ${unknown.map((n) => `"${n}"`).join(', ')}; give a comma-separated subset of ${classifierNames.join(', ')}`);
    }
    out.models = names as ClassifierName[];
  }
  if (args.learningRates !== undefined) {
    const rates = String(args.learningRates).split(',').map((rate) => Number(rate.trim()));
    if (rates.length === 0 || rates.some((rate) => !(Number.isFinite(rate) && rate > 0))) {
      throw new Error(`--learning-rates: expected comma-separated positive numbers, got "${String(args.learningRates)}"`);
    }
    out.learningRates = rates;
  }
  return out;
}

const sweepWording = (config: ClassificationConfig) =>
  config.learningRates.length === 1
    ? `Adam ${config.learningRates[0]} for every model`
    : `the same sweep for every model: Adam at ${config.learningRates.join(' and ')} with the first seed, scored on ${config.validationSize} held-out training images ` +
      '(not trained on, and not the test images); the other seeds at the better rate';

const gammaWording: Record<ClassificationConfig['gammaInit'], string> = {
  lecun: "N-CODE's γ heads start as LeCun layers with zero biases (its kernels start at the scale of the input, not of the fixed-weight fields).",
  'layer-scale':
    "N-CODE's γ heads start at the fixed-weight fields' scale: each head's bias is a LeCun draw of the conv it controls (kernel N(0, 1/fan-in), bias 0, " +
    'as the other models initialise that conv) and its kernel has gain 1/√fan-in, so the input-dependent part of each kernel is at most that scale for trunk outputs of RMS ≤ 1.',
};

type ClassifyRun = FinishedRun<ImageRun<ClassificationConfig>, { data: ImageData; rows: ClassifierResult[] }>;

function setup({ config: run, result: { data, rows } }: ClassifyRun): string {
  const { config } = run;
  const [h, w, c] = data.shape;
  const flowSizes = rows.filter((r) => r.filters > 0).map((r) => r.parameters);
  const spread = Math.max(...flowSizes) / Math.min(...flowSizes) - 1;
  const sizing = 'budget' in config.size
    ? `each model's k chosen so that its parameter count comes nearest ${config.size.budget} (Dissecting Table 1 compares models at ≈ 20 K; ` +
      `the counts are in the table, the largest ${(100 * spread).toFixed(0)} % above the smallest)`
    : `k = ${config.size.filters} filters for every model`;
  const readouts = {
    input: "a linear readout of x(T)'s first C channels, flattened (the image's own channels: the same readout for every model, augmented or not)",
    pool: "a linear readout of each channel's mean over the image",
    flatten: 'a linear readout of the flattened x(T) (it grows with the channels)',
  };
  const readout = readouts[config.readout];
  return (
    `${imagesSentence(run, data, ` (${h / config.downsample}×${w / config.downsample}×${c})`)} ` +
    `Every flow runs on [0, 1] with the App C.2 conv field (1×1 → 3×3 → 1×1, ReLU), ${sizing}, dopri5 at rtol = atol = ${config.tolerance}, ` +
    `gradients ${gradientWording[config.gradient]} with at most ${config.maxSteps} attempted steps per solve, ${readout}; ANODE, IL-NODE, NODE DC and N-CODE carry ${config.augment} extra channels, ` +
    `2nd-order ${Math.floor(config.augment / 2)} position + ${c + Math.floor(config.augment / 2)} velocity channels. "${readoutOnly}" is the flow-free baseline: the same readout on the input image. ` +
    `${config.centre ? 'Inputs centred (each channel\'s training mean subtracted). ' : ''}${sweepWording(config)}, batch ${config.batchSize}, ${config.epochs} epoch(s), ` +
    `${config.seeds} seed(s) from ${config.seed} (weights and batch order). ${gammaWording[config.gammaInit]} Mean NFE: forward evaluations per test batch with the trained models.`
  );
}

function accuracyVsNfePlot({ config: run, result }: ClassifyRun): Plot {
  return {
    name: 'accuracy-vs-nfe',
    title: `Test accuracy vs mean NFE (${run.dataset})`,
    spec: {
      width: 420, height: 300, title: `Test accuracy vs mean NFE, ${run.dataset}`,
      data: { values: result.rows.filter((r) => r.filters > 0).map((r) => ({ model: r.model, accuracy: 100 * r.testAccuracy, nfe: r.meanNfe })) },
      layer: [
        { mark: { type: 'point', filled: true, size: 90 }, encoding: {
          x: { field: 'nfe', type: 'quantitative', title: 'mean NFE at test (forward)', scale: { zero: false } },
          y: { field: 'accuracy', type: 'quantitative', title: 'test accuracy (%)', scale: { zero: false } },
          color: { field: 'model', type: 'nominal', title: 'model' } } },
        { mark: { type: 'text', dx: 8, align: 'left', fontSize: 11 }, encoding: {
          x: { field: 'nfe', type: 'quantitative' }, y: { field: 'accuracy', type: 'quantitative' }, text: { field: 'model' } } },
      ],
    },
  };
}

/** `classify` with its sizes; tests pass tiny ones and the `interruptAfter` hook. */
export function makeClassifyCommand(sizes = classifySizes, interruptAfter?: number): BenchCommand {
  return experimentCommand({
    name: 'classify',
    summary: 'image classification: NODE, ANODE, IL-NODE, 2nd-order, NODE DC, open-loop N-CODE (conv field, dopri5 1e-3): accuracy, NFE, params',
    flags: [
      ...imageExperimentFlags,
      { flags: '--models <names>', description: `comma-separated subset of the classifiers (default all: ${classifierNames.join(', ')})` },
      { flags: '--learning-rates <rates>', description: 'comma-separated Adam step sizes swept for every model, the best on held-out training images kept (default 0.001,0.0003)' },
    ],
    variants: sizes,
    configure: (variant, options) => imageRun('classify', variant, options, readClassifyOverrides(options.args ?? {})),
    run: async (run, context) => {
      const data = await loadRunImages(run);
      return { data, rows: await runClassification(data, run.config, trainingIo(run, context, interruptAfter)) };
    },
    title: ({ config: run }) => `classify: controlled and augmented neural ODEs on ${run.dataset}`,
    setup,
    notes: () => [
      'The papers train the full sets for many epochs with wider fields (k = 50 in N-CODE) and report the mean of 10 runs; these are short runs on a subset, ' +
        'so compare models with each other, not with the paper column.',
    ],
    sections: ({ config: run, result }) => [
      { heading: 'Results', table: resultsTable(result.rows, run.dataset) },
      ...(run.config.learningRates.length > 1 ? [{ heading: 'Learning-rate sweep (first seed, held-out training images)', table: sweepTable(result.rows) }] : []),
      ...stoppedSection(result.rows, 'it was not tested'),
    ],
    claims: ({ result }) => classifyClaims(result.rows),
    plots: (finished) => [accuracyVsNfePlot(finished)],
    data: ({ config: run, result }) => ({ ...imageFacts(run, result.data), config: run.config, results: result.rows }),
  });
}

export const classifyCommand = makeClassifyCommand();
