import * as tf from '@tensorflow/tfjs-core';
import { fourier } from '@tfode/nanode-bases';
import { nanodeODE } from '@tfode/ncode';
import { SeededRandom } from '@tfode/datasets';
import { linePlot } from '../plots/line-plot';
import { check, type Measured, type PaperClaim } from '../report/paper-claims';
import type { Table } from '../report/report';
import { experimentCommand, seeded } from './experiment';

type Gradient = 'backprop' | 'adjoint' | 'checkpoint';
const gradients: readonly Gradient[] = ['backprop', 'checkpoint', 'adjoint'];

export interface NanodeMemoryConfig {
  /** Fixed rk4 steps over [0, 1]: the depth L. */
  depths: number[];
  batch: number;
  dims: number;
  hidden: number;
  /** Order of the trigonometric basis of every weight (T-NANODE). */
  order: number;
  seed: number;
}

export interface MemoryRow {
  gradient: Gradient;
  depth: number;
  /** Peak bytes above those held before, during one loss-and-gradient computation: the activations (and the solver's working tensors). */
  activationBytes: number;
  nfe: number;
  backwardNfe: number;
}

/**
 * NANODE Table 1's activation-memory column, measured: a T-NANODE's loss and gradient at each depth
 * (rk4 steps) in each gradient mode, the peak of the engine's bytes during it (tf.profile).
 */
export async function runNanodeMemory(config: NanodeMemoryConfig, onRun: (label: string) => void = () => {}): Promise<MemoryRow[]> {
  const random = new SeededRandom(config.seed);
  const x = tf.tensor2d(Float32Array.from({ length: config.batch * config.dims }, () => random.normal()), [config.batch, config.dims]);
  const rows: MemoryRow[] = [];
  for (const depth of config.depths) {
    for (const gradient of gradients) {
      const model = nanodeODE({
        dims: config.dims, hidden: [config.hidden], basis: fourier(config.order), seed: config.seed + 1,
        solver: { method: 'rk4', stepSize: 1 / depth, gradient },
      });
      const before = tf.memory().numBytes;
      const info = await tf.profile(() => {
        const { value, grads } = tf.variableGrads(() => tf.mean(tf.square(model.predict(x))) as tf.Scalar, model.variables);
        tf.dispose([value, ...Object.values(grads)]);
      });
      rows.push({ gradient, depth, activationBytes: info.peakBytes - before, nfe: model.lastStats.forward.nfe, backwardNfe: model.lastStats.backward.nfe });
      model.dispose();
      onRun(`L = ${depth} · ${gradient}`);
    }
  }
  x.dispose();
  return rows;
}

const kib = (bytes: number) => Number((bytes / 1024).toFixed(1));

function resultsTable(rows: MemoryRow[]): Table {
  return {
    columns: ['gradient', 'depth L (rk4 steps)', 'activation memory [KiB]', 'forward NFE', 'backward NFE'],
    rows: rows.map((r) => [r.gradient, r.depth, kib(r.activationBytes), r.nfe, r.backwardNfe]),
  };
}

/** Growth of the adjoint's memory from the shallowest to the deepest run below which it is "constant". */
const constant = 1.5;
/** Share of the depth ratio that backprop's memory growth must reach to be "linear in depth". */
const linearShare = 0.5;

export function nanodeMemoryClaims(rows: MemoryRow[]): PaperClaim[] {
  const depths = [...new Set(rows.map((r) => r.depth))].sort((a, b) => a - b);
  if (depths.length < 2) return [];
  const [shallow, deep] = [depths[0], depths[depths.length - 1]];
  const at = (gradient: Gradient, depth: number) => rows.find((r) => r.gradient === gradient && r.depth === depth);
  const growth = (gradient: Gradient): Measured | undefined => {
    const [a, b] = [at(gradient, shallow), at(gradient, deep)];
    return a && b ? { label: `${gradient} memory at L = ${deep} / at L = ${shallow}`, value: b.activationBytes / a.activationBytes, format: (v) => `×${v.toFixed(2)}` } : undefined;
  };
  const claims: PaperClaim[] = [];
  const adjoint = growth('adjoint');
  const backprop = growth('backprop');
  if (adjoint) claims.push({ claim: 'with the adjoint method a NANODE\'s activation memory is O(1) in depth', source: 'NANODE Table 1 (ACT. MEM)', checks: [check(adjoint, '<', constant)] });
  if (backprop) {
    claims.push({
      claim: 'storing every layer\'s activations (backprop, an unconstrained ResNet) costs O(L)', source: 'NANODE Table 1 (ACT. MEM, Uncon-ResNet)',
      checks: [check(backprop, '>', linearShare * (deep / shallow))],
    });
  }
  const [a, b] = [at('adjoint', deep), at('backprop', deep)];
  if (a && b) {
    const bytes = (r: MemoryRow): Measured => ({ label: `${r.gradient} memory at L = ${deep}`, value: r.activationBytes, format: (v) => `${kib(v)} KiB` });
    claims.push({ claim: 'the adjoint NANODE needs far less activation memory than backprop at the same depth', source: 'NANODE Table 1', checks: [check(bytes(a), '<', { ...bytes(b), label: `0.25 × ${bytes(b).label}`, value: 0.25 * b.activationBytes })] });
  }
  return claims;
}

/** `nanode-memory`: NANODE Table 1's activation-memory column, adjoint vs checkpoint vs backprop. */
export const nanodeMemoryCommand = experimentCommand({
  name: 'nanode-memory',
  summary: "NANODE Table 1's activation memory, measured: a T-NANODE's gradient at depths L (rk4 steps) by backprop, checkpointing and the adjoint (peak bytes, tf.profile)",
  variants: {
    quick: { depths: [8, 16, 32], batch: 64, dims: 4, hidden: 32, order: 3 },
    full: { depths: [8, 16, 32, 64, 128], batch: 256, dims: 8, hidden: 64, order: 3 },
  },
  configure: seeded,
  run: async (config: NanodeMemoryConfig, context) => {
    const progress = context.progress('nanode-memory', config.depths.length * gradients.length, `L = ${config.depths[0]}`);
    try {
      return await runNanodeMemory(config, (label) => progress.tick(label));
    } finally {
      progress.stop();
    }
  },
  title: () => 'nanode-memory: activation memory against depth',
  setup: ({ config, backend }) =>
    `A T-NANODE ${config.dims} → ${config.hidden} → ${config.dims} (tanh), every weight on a trigonometric basis of order ${config.order}, on a batch of ${config.batch} N(0, I) inputs; ` +
    `loss mean ‖x(1)‖², rk4 with L fixed steps on [0, 1] (L ∈ {${config.depths.join(', ')}}), one loss and gradient per gradient mode. ` +
    'Activation memory: the peak of the engine\'s allocated bytes during that computation above what was held before (tf.profile), so it counts the tape (backprop), ' +
    `the stored states (checkpoint) or the backward solve's working set (adjoint). Seed ${config.seed}; ${backend} backend.`,
  sections: ({ result }) => [{ heading: 'Results', table: resultsTable(result) }],
  claims: ({ result }) => nanodeMemoryClaims(result),
  plots: ({ result }) => [
    linePlot({
      name: 'memory-vs-depth', title: 'Activation memory of one gradient against depth L (NANODE Table 1, ACT. MEM)', xTitle: 'depth L (rk4 steps)', yTitle: 'KiB', yScale: 'log',
      legendTitle: 'gradient', points: result.map((r) => ({ series: r.gradient, x: r.depth, y: r.activationBytes / 1024 })),
    }),
  ],
  data: ({ config, result }) => ({ config, rows: result }),
});
