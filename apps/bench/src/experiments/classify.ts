import type { ImageData, ImageDatasetName } from '../data/image-data';
import { classifierAccuracy } from '../metrics/classifier-accuracy';
import { classifierNames, type ClassifierName } from '../models/image-classifiers';
import type { Plot } from '../plots/plot';
import type { Table } from '../report/report';
import { stoppedSection } from '../report/stopped-section';
import type { BenchCommand } from '../runtime/bench-command';
import { classifierJob, type ClassificationConfig } from '../training/classifier-training';
import { trainOnImages, type TrainingIo } from '../training/train-on-images';
import { experimentCommand, type FinishedRun, type Variants } from './experiment';
import { imageExperimentFlags, imageFacts, imageRun, imagesSentence, loadRunImages, trainingIo, type ImageRun, type ImageSizes } from './image-run';

/** Sizes of a run: the full variant fits in about an hour on 2 cores (wasm), `--quick` in a couple of minutes. */
export type ClassifySizes = ImageSizes<ClassificationConfig>;

const base = {
  models: [...classifierNames], batchSize: 16, learningRate: 1e-3, filters: 8, augment: 10, tolerance: 1e-3, downsample: 1,
  gradient: 'checkpoint' as const, maxSteps: 100,
};
export const classifySizes: Variants<ClassifySizes> = {
  full: { trainSize: 4000, testSize: 1000, config: { ...base, epochs: 2 } },
  quick: { trainSize: 192, testSize: 200, config: { ...base, epochs: 1 } },
};

// Dissecting Table 1 (NODE … 2nd-order: accuracy %, NFE, params K) and N-CODE §4.2 Table 1
// (ANODE, NODE DC, N-CODE: accuracy %), MNIST and CIFAR-10.
const paper: Record<string, Record<string, string>> = {
  mnist: {
    NODE: '96.8 % · NFE 98 · 21.4K', ANODE: '98.9 % · NFE 71 · 20.4K (000: 98.2 %)', 'IL-NODE': '99.1 % · NFE 44 · 20.7K',
    '2nd-order': '99.2 % · NFE 43 · 20.0K', 'NODE DC': '98.5 % (000)', 'N-CODE open': '99.2 % (000)',
  },
  cifar10: {
    NODE: '58.9 % · NFE 93 · 37.1K', ANODE: '70.8 % · NFE 169 · 35.0K (000: 61.2 %)', 'IL-NODE': '73.4 % · NFE 65 · 36.1K',
    '2nd-order': '72.8 % · NFE 59 · 34.6K', 'NODE DC': '62.0 % (000)', 'N-CODE open': '74.1 % (000)',
  },
};

export interface ClassifierResult {
  model: ClassifierName;
  testAccuracy: number;
  /** Mean forward NFE over the test batches, with the trained model. */
  meanNfe: number;
  parameters: number;
  trainSeconds: number;
  history: Array<Record<string, number>>;
  /** Why training stopped early; such a model is not tested (accuracy and NFE are NaN). */
  stopped?: string;
}

/** Trains every classifier of `config.models` (checkpointed, resumable), then tests each one that trained to the end. */
export async function runClassification(data: ImageData, config: ClassificationConfig, io: TrainingIo): Promise<ClassifierResult[]> {
  const trained = await trainOnImages('classify', config.models.map((name) => classifierJob(name, data, config)), data, config, io);
  const results: ClassifierResult[] = [];
  const progress = io.progress('classify test', trained.length, trained[0]?.name ?? '');
  for (const { name, model, history, trainSeconds, stopped } of trained) {
    const { accuracy, meanNfe } = stopped === undefined ? await classifierAccuracy(model, data, config) : { accuracy: Number.NaN, meanNfe: Number.NaN };
    results.push({ model: name as ClassifierName, testAccuracy: accuracy, meanNfe, parameters: model.parameterCount, trainSeconds, history, stopped });
    model.dispose();
    progress.tick(name);
  }
  progress.stop();
  return results;
}

function resultsTable(rows: ClassifierResult[], dataset: ImageDatasetName): Table {
  return {
    columns: ['model', 'test accuracy %', 'mean NFE (test)', 'params [K]', 'train s', 'paper'],
    rows: rows.map((r) => [
      r.model, r.stopped === undefined ? Number((100 * r.testAccuracy).toFixed(1)) : 'stopped', r.stopped === undefined ? Number(r.meanNfe.toFixed(1)) : '—',
      Number((r.parameters / 1000).toFixed(1)), Number(r.trainSeconds.toFixed(0)), paper[dataset]?.[r.model] ?? '—',
    ]),
  };
}

const gradientWording: Record<ClassificationConfig['gradient'], string> = {
  backprop: 'by backprop through the solver',
  checkpoint: "by checkpointing (backprop's gradient, replayed one accepted step at a time)",
  adjoint: 'by the adjoint method (solved backward in time)',
};

/** `--models` and `--learning-rate`: a subset of the classifiers, and another Adam step size (e.g. for a model that diverges). */
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
  if (args.learningRate !== undefined) {
    const rate = Number(args.learningRate);
    if (!(Number.isFinite(rate) && rate > 0)) throw new Error(`--learning-rate: expected a positive number, got "${String(args.learningRate)}"`);
    out.learningRate = rate;
  }
  return out;
}

type ClassifyRun = FinishedRun<ImageRun<ClassificationConfig>, { data: ImageData; rows: ClassifierResult[] }>;

function setup({ config: run, result: { data } }: ClassifyRun): string {
  const { config } = run;
  const [h, w, c] = data.shape;
  return (
    `${imagesSentence(run, data, ` (${h / config.downsample}×${w / config.downsample}×${c})`)} ` +
    `Every model flows on [0, 1] with the App C.2 conv field (1×1 → 3×3 → 1×1, k = ${config.filters} filters, ReLU), dopri5 at rtol = atol = ${config.tolerance}, ` +
    `gradients ${gradientWording[config.gradient]} with at most ${config.maxSteps} attempted steps per solve, a linear readout of the flattened x(T); ANODE, IL-NODE, NODE DC and N-CODE carry ${config.augment} extra channels, ` +
    `2nd-order ${Math.floor(config.augment / 2)} position + ${c + Math.floor(config.augment / 2)} velocity channels. Adam ${config.learningRate}, batch ${config.batchSize}, ${config.epochs} epoch(s), seed ${config.seed}. ` +
    'Mean NFE: forward evaluations per test batch with the trained model. Parameters include the readout (most of them: H·W·C·10).'
  );
}

function accuracyVsNfePlot({ config: run, result }: ClassifyRun): Plot {
  return {
    name: 'accuracy-vs-nfe',
    title: `Test accuracy vs mean NFE (${run.dataset})`,
    spec: {
      width: 420, height: 300, title: `Test accuracy vs mean NFE, ${run.dataset}`,
      data: { values: result.rows.map((r) => ({ model: r.model, accuracy: 100 * r.testAccuracy, nfe: r.meanNfe })) },
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
      { flags: '--learning-rate <rate>', description: 'Adam step size (default 0.001)' },
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
      'The papers train the full sets for many epochs with wider fields (k = 50 in 000) and report the mean of 10 runs; these are single short runs on a subset, ' +
        'so compare models with each other, not with the paper column.',
    ],
    sections: ({ config: run, result }) => [{ heading: 'Results', table: resultsTable(result.rows, run.dataset) }, ...stoppedSection(result.rows, 'it was not tested')],
    plots: (finished) => [accuracyVsNfePlot(finished)],
    data: ({ config: run, result }) => ({ ...imageFacts(run, result.data), config: run.config, results: result.rows }),
  });
}

export const classifyCommand = makeClassifyCommand();
