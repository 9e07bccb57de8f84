import * as tf from '@tensorflow/tfjs-core';
import type { GradientMode } from '@tfode/adjoint';
import { timeConvField, type ConvFieldShape, type ConvFieldTiming } from '../benchmarks/conv-field-timing';
import { profileKernels, type KernelProfile } from '../benchmarks/kernel-profile';
import { trainStepSession, trainStepSolvers } from '../benchmarks/train-step-benchmark';
import { classifySizes } from '../experiments/classify';
import { filtersForBudget, imageClassifier } from '../models/image-classifiers';
import { markdownTable, type ReportSection, type Table } from '../report/report';
import type { BenchCommand } from '../runtime/bench-command';
import { crossEntropy } from '../training/cross-entropy';

/** The four rows of the peer comparison: each solver with backprop and with the adjoint. */
const trainStepRows: { solver: (typeof trainStepSolvers)[number]; mode: GradientMode }[] = trainStepSolvers.flatMap((solver) =>
  (['backprop', 'adjoint'] as const).map((mode) => ({ solver, mode })),
);

interface ProfiledCase {
  label: string;
  steps: number;
  profile: KernelProfile;
}

/** Warm-up steps, then `steps` profiled steps of `step`. */
function profileSteps(label: string, warmup: number, steps: number, step: () => void): ProfiledCase {
  for (let i = 0; i < warmup; i++) step();
  return { label, steps, profile: profileKernels(() => Array.from({ length: steps }, step)) };
}

/** The `classify` full run's model options on MNIST's shape, without k. */
function classifyOptions(seed: number) {
  const { config } = classifySizes.full;
  return {
    height: 28, width: 28, channels: 1, classes: 10, augment: config.augment, seed, tolerance: config.tolerance,
    gradient: config.gradient, maxSteps: config.maxSteps, readout: config.readout, gammaInit: config.gammaInit,
  };
}

/** k of a `classify` full-run model (sized for the run's parameter budget). */
function classifyFilters(name: 'NODE' | 'ANODE', seed: number): number {
  const { size } = classifySizes.full.config;
  return 'budget' in size ? filtersForBudget(name, classifyOptions(seed), size.budget) : size.filters;
}

/** The conv field of `classify`'s augmented models (ANODE: the image's channel plus the extra ones) at the full run's k. */
function classifyFieldShape(seed: number): ConvFieldShape {
  const { height, width, channels, augment } = classifyOptions(seed);
  return { batch: classifySizes.full.config.batchSize, height, width, channels: channels + augment, filters: classifyFilters('ANODE', seed) };
}

/** One step of the `classify` NODE as its full run trains it (MNIST's shape, k for the run's parameter budget), on seeded centred inputs. */
function classifyStep(seed: number): { step: () => void; dispose: () => void; label: string } {
  const { config } = classifySizes.full;
  const filters = classifyFilters('NODE', seed);
  const options = classifyOptions(seed);
  const model = imageClassifier('NODE', { ...options, filters });
  const x = tf.randomUniform([config.batchSize, options.height, options.width, options.channels], -0.5, 0.5, 'float32', seed);
  const labels = tf.oneHot(tf.tensor1d(Array.from({ length: config.batchSize }, (_, i) => i % 10), 'int32'), 10);
  const optimizer = tf.train.adam(1e-3);
  return {
    step: () => {
      const loss = optimizer.minimize(() => crossEntropy(labels, model.predict(x)), true, model.variables)!;
      loss.dataSync();
      loss.dispose();
    },
    dispose: () => {
      optimizer.dispose();
      model.dispose();
      tf.dispose([x, labels]);
    },
    label: `classify NODE (batch ${config.batchSize}, 28×28, k = ${filters}, dopri5 ${config.tolerance}, ${config.gradient}, as its full run)`,
  };
}

function kernelTable(entry: ProfiledCase, top: number): Table {
  const { profile, steps } = entry;
  const perStep = (value: number) => Number((value / steps).toFixed(1));
  const rows: Table['rows'] = profile.rows.slice(0, top).map((row) => [row.kernel, perStep(row.calls), perStep(row.totalUs), Number(row.share.toFixed(1))]);
  const rest = profile.rows.slice(top);
  if (rest.length > 0) {
    const sum = (key: 'calls' | 'totalUs' | 'share') => rest.reduce((total, row) => total + row[key], 0);
    rows.push([`${rest.length} other kernels`, perStep(sum('calls')), perStep(sum('totalUs')), Number(sum('share').toFixed(1))]);
  }
  rows.push(['outside kernels (engine, solver, JS)', '—', perStep(profile.outsideKernelsMs * 1000), Number(((100 * profile.outsideKernelsMs) / profile.wallMs).toFixed(1))]);
  rows.push(['total', perStep(profile.kernelCalls), perStep(profile.wallMs * 1000), 100]);
  return { columns: ['kernel', 'calls per step', 'µs per step', 'share %'], rows };
}

/** The conv field timed alone, with the command that times the same field in torch. */
function convFieldSection(shape: ConvFieldShape, timing: ConvFieldTiming): ReportSection {
  const { batch, height, width, channels, filters } = shape;
  return {
    heading: `classify's conv field alone (batch ${batch}, ${height}×${width}, ${channels} channels, k = ${filters})`,
    paragraphs: [
      'One evaluation of the App C.2 field (1×1 → ReLU → 3×3 → ReLU → 1×1), forward and forward + backward (the gradient of Σf ' +
        'with respect to its weights and input), each ending with a read-back, median after a warm-up. The same field in torch on ' +
        `2 threads: \`python3 apps/bench/peers/torch_conv_field.py ${batch} ${height} ${width} ${channels} ${filters}\`.`,
    ],
    table: { columns: ['evaluation', 'ms'], rows: [['forward', Number(timing.forwardMs.toFixed(2))], ['forward + backward', Number(timing.forwardBackwardMs.toFixed(2))]] },
  };
}

/**
 * `profile`: one training step of the `train-step` model (the four peer rows) and of the `classify`
 * conv NODE, broken down by kernel: calls, time and share of the step, and what no kernel accounts for;
 * then the classify conv field alone, beside a torch peer script for the same field.
 */
export const profileCommand: BenchCommand = {
  name: 'profile',
  summary: 'one training step of the train-step model (4 solver × gradient rows) and of the classify conv NODE, by kernel: calls, µs, share; and the classify conv field alone',
  async run(context) {
    const steps = context.options.quick ? 2 : 10;
    // V8 runs the JavaScript on a step's path unoptimised for about its first 20 steps in a process: the
    // table is of the steady step, after that (classify's steps are long enough after 3)
    const warmup = context.options.quick ? 1 : 30;
    const classifyWarmup = context.options.quick ? 1 : 3;
    const config = { batch: 256, hidden: 64, steps, warmup, seed: context.options.seed };
    const progress = context.progress('profile', trainStepRows.length + 2, 'train-step');
    const cases: ProfiledCase[] = [];
    for (const { solver, mode } of trainStepRows) {
      const session = trainStepSession(config, solver, mode);
      try {
        cases.push(profileSteps(`train-step ${solver.label} ${mode}`, warmup, steps, () => session.step()));
      } finally {
        session.dispose();
      }
      progress.tick(`${solver.label} ${mode}`);
    }
    const classify = classifyStep(context.options.seed);
    try {
      cases.push(profileSteps(classify.label, classifyWarmup, Math.max(1, steps / 5), classify.step));
    } finally {
      classify.dispose();
    }
    progress.tick('classify');
    const fieldShape = classifyFieldShape(context.options.seed);
    const convField = timeConvField(fieldShape, context.options.seed, context.options.quick ? 1 : 5, context.options.quick ? 3 : 30);
    progress.tick('conv field');
    progress.stop();
    const sections: ReportSection[] = [
      ...cases.map((entry) => ({ heading: entry.label, table: kernelTable(entry, 15) })),
      convFieldSection(fieldShape, convField),
    ];
    return {
      data: {
        backend: context.backend,
        cases: cases.map(({ label, steps: n, profile }) => ({ label, steps: n, ...profile })),
        convField: { ...fieldShape, ...convField },
      },
      report: {
        title: 'profile: a training step by kernel',
        summary: [
          `Per step, averaged over ${steps} profiled steps after ${warmup} warm-up steps (classify: ${Math.max(1, steps / 5)} after ${classifyWarmup}), on the ${context.backend} backend. ` +
            'Each kernel call is timed around its kernel function; "outside kernels" is the rest of the wall time: tfjs engine bookkeeping ' +
            '(tensor tracking, the gradient tape, scopes), the solver and the model code. Timers add about 1 µs per call.',
        ],
        sections,
      },
      plots: [],
      terminal: sections.map((section) => `### ${section.heading}\n\n${markdownTable(section.table!)}`).join('\n\n'),
    };
  },
};
