import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import type { BenchCommand } from '../runtime/bench-command';
import { runBenchCommand } from '../runtime/run-command';
import { TrainingInterrupted } from '../training/resumable-training';
import { makeAutoencodeCommand, type AutoencodeSizes } from './autoencode';
import { makeClassifyCommand, type ClassifySizes } from './classify';
import { makeClusterCommand, type ClusterSizes } from './cluster';

const folders: string[] = [];
afterAll(async () => Promise.all(folders.map((f) => rm(f, { recursive: true, force: true }))));

const silent = () => new Writable({ write: (_chunk, _encoding, done) => done() });

async function run(command: BenchCommand, resume = false, out?: string): Promise<{ out: string; json: Record<string, unknown> }> {
  const folder = out ?? (await mkdtemp(join(tmpdir(), `bench-${command.name}-`)));
  folders.push(folder);
  await runBenchCommand(command, { quick: true, seed: 3, backend: 'cpu', out: folder, args: { dataset: 'mnist', resume } }, { stdout: silent(), stderr: silent() });
  return { out: folder, json: JSON.parse(await readFile(join(folder, 'results.json'), 'utf8')) as Record<string, unknown> };
}

/** results.json without what legitimately differs between two runs: the run's metadata and wall times. */
function withoutTimes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutTimes);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'run' && !/seconds/i.test(k)).map(([k, v]) => [k, withoutTimes(v)]));
  }
  return value;
}

const classifyTiny: ClassifySizes = {
  trainSize: 16, testSize: 8,
  config: {
    models: ['NODE', 'N-CODE open'], epochs: 2, batchSize: 8, learningRates: [1e-2], validationSize: 0, size: { filters: 2 }, readout: 'flatten', seeds: 1, augment: 2,
    tolerance: 1e-3, downsample: 4, gradient: 'checkpoint', maxSteps: 100, gammaInit: 'lecun',
  },
};
const tiny = { classify: { quick: classifyTiny, full: classifyTiny } };

describe('classify (tiny configuration, cpu)', () => {
  it('writes every model\'s accuracy, NFE and parameter count, and the papers\' claims checked against them', async () => {
    const { out, json } = await run(makeClassifyCommand(tiny.classify));
    expect(await readFile(join(out, 'report.md'), 'utf8')).toContain('Paper vs ours');
    expect((json.claims as Array<{ claim: string }>).map((c) => c.claim)).toContain('open-loop N-CODE is more accurate than NODE, ANODE and data control');
    const results = json.results as Array<{ model: string; testAccuracy: number; meanNfe: number; parameters: number; seeds: Array<{ history: unknown[] }> }>;
    expect(results.map((r) => r.model)).toEqual(['NODE', 'N-CODE open']);
    for (const r of results) {
      expect(r.testAccuracy).toBeGreaterThanOrEqual(0);
      expect(r.testAccuracy).toBeLessThanOrEqual(1);
      expect(r.meanNfe).toBeGreaterThanOrEqual(6); // dopri5: at least one step of 6 new evaluations (FSAL)
      expect(r.seeds[0].history).toHaveLength(2);
    }
    // NODE: conv field 1→2→2→1 = (1·2+2) + (9·2·2+2) + (2·1+1) = 45, readout 7·7·1·10 + 10 = 500.
    expect(results[0].parameters).toBe(545);
  }, 60_000);

  it('sizes every flow to the parameter budget, pools the readout, runs each seed, and puts the flow-free baseline first', async () => {
    const budget = 300;
    const sized = { ...classifyTiny, config: { ...classifyTiny.config, models: ['readout only', 'NODE'], size: { budget }, readout: 'pool', seeds: 2, epochs: 1 } };
    const { json } = await run(makeClassifyCommand({ quick: sized, full: sized } as typeof tiny.classify));
    type Row = { model: string; filters: number; parameters: number; testAccuracy: number; accuracyError: number; meanNfe: number; seeds: Array<{ seed: number; testAccuracy: number }> };
    const [baseline, node] = json.results as Row[];
    // The baseline: the pooled readout alone on the 1-channel input, 1·10 + 10 weights, no solve.
    expect([baseline.filters, baseline.parameters, baseline.meanNfe]).toEqual([0, 20, 0]);
    // NODE with k filters: conv 1→k→k→1 = (k + k) + (9k² + k) + (k + 1), pooled readout 1·10 + 10.
    const count = (k: number) => 9 * k * k + 4 * k + 21;
    expect(node.parameters).toBe(count(node.filters));
    for (const k of [node.filters - 1, node.filters + 1]) expect(Math.abs(count(k) - budget)).toBeGreaterThanOrEqual(Math.abs(node.parameters - budget));
    for (const row of [baseline, node]) {
      expect(row.seeds.map((s) => s.seed)).toEqual([3, 4]);
      const accuracies = row.seeds.map((s) => s.testAccuracy);
      expect(row.testAccuracy).toBeCloseTo((accuracies[0] + accuracies[1]) / 2, 10);
      expect(row.accuracyError).toBeCloseTo(Math.abs(accuracies[0] - accuracies[1]) / 2, 10); // s.e. of two values
    }
  }, 90_000);

  it('a run interrupted after its first checkpoint and resumed ends with the same results as an uninterrupted one', async () => {
    const uninterrupted = await run(makeClassifyCommand(tiny.classify));
    const folder = await mkdtemp(join(tmpdir(), 'bench-classify-resume-'));
    await expect(run(makeClassifyCommand(tiny.classify, 1), false, folder)).rejects.toBeInstanceOf(TrainingInterrupted);
    await expect(stat(join(folder, 'results.json'))).rejects.toThrow();
    const resumed = await run(makeClassifyCommand(tiny.classify), true, folder);
    expect(withoutTimes(resumed.json)).toEqual(withoutTimes(uninterrupted.json));
  }, 90_000);

  it('a model whose solver fails stops training, is reported as stopped and untested, and the next model still trains', async () => {
    const stiff = { quick: { ...classifyTiny, config: { ...classifyTiny.config, maxSteps: 1 } }, full: classifyTiny };
    const { out, json } = await run(makeClassifyCommand(stiff));
    const results = json.results as Array<{ model: string; testAccuracy: number | null; stopped?: string; seeds: Array<{ history: unknown[] }> }>;
    for (const r of results) {
      expect(r.stopped).toMatch(/^epoch 1, step 1: reached t=.* after 1 attempted steps/);
      expect(r.testAccuracy).toBeNull(); // NaN in JSON
      expect(r.seeds[0].history).toHaveLength(1);
    }
    expect(await readFile(join(out, 'report.md'), 'utf8')).toMatch(/N-CODE open stopped training at epoch 1, step 1/);
  }, 60_000);

  it('sweeps the learning rates with the first seed on held-out images, and runs the other seeds at the best one', async () => {
    const swept = { ...classifyTiny, trainSize: 24, config: { ...classifyTiny.config, models: ['NODE'], learningRates: [1e-2, 1e-4], validationSize: 8, seeds: 2, epochs: 1, gammaInit: 'layer-scale' } };
    const { out, json } = await run(makeClassifyCommand({ quick: swept, full: swept } as typeof tiny.classify));
    type Row = { learningRate: number; sweep: Array<{ learningRate: number; validationAccuracy: number }>; seeds: Array<{ seed: number; history: Array<{ loss: number }> }> };
    const [node] = json.results as Row[];
    expect(node.sweep.map((s) => s.learningRate)).toEqual([1e-2, 1e-4]);
    for (const s of node.sweep) expect(s.validationAccuracy * 8).toBeCloseTo(Math.round(s.validationAccuracy * 8), 10); // a count of the 8 held-out images
    const best = node.sweep.reduce((a, b) => (b.validationAccuracy > a.validationAccuracy ? b : a));
    expect(node.learningRate).toBe(best.learningRate);
    expect(node.seeds.map((s) => s.seed)).toEqual([3, 4]);
    expect((json as { trainSize: number }).trainSize).toBe(24);
    expect(await readFile(join(out, 'report.md'), 'utf8')).toContain('Learning-rate sweep');
  }, 90_000);

  it('--models and --learning-rates pick classifiers and the step sizes; bad values are named', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'bench-classify-flags-'));
    folders.push(folder);
    const options = (args: Record<string, unknown>) => ({ quick: true, seed: 3, backend: 'cpu' as const, out: folder, args: { dataset: 'mnist', resume: false, ...args } });
    const io = { stdout: silent(), stderr: silent() };
    await runBenchCommand(makeClassifyCommand(tiny.classify), options({ models: 'N-CODE open', learningRates: '0.003' }), io);
    const json = JSON.parse(await readFile(join(folder, 'results.json'), 'utf8')) as { config: { models: string[]; learningRates: number[] } };
    expect(json.config.models).toEqual(['N-CODE open']);
    expect(json.config.learningRates).toEqual([0.003]);
    await expect(runBenchCommand(makeClassifyCommand(tiny.classify), options({ models: 'NODE,ResNet' }), io)).rejects.toThrow(/--models: unknown model\(s\) "ResNet"/);
    await expect(runBenchCommand(makeClassifyCommand(tiny.classify), options({ learningRates: '0.001,-1' }), io)).rejects.toThrow(/--learning-rates: expected comma-separated positive numbers/);
    await expect(runBenchCommand(makeClassifyCommand(tiny.classify), options({ learningRates: '0.01,0.001' }), io)).rejects.toThrow(/needs held-out images/);
  }, 60_000);

  it('refuses to resume a checkpoint written by another configuration', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'bench-classify-other-'));
    await expect(run(makeClassifyCommand(tiny.classify, 1), false, folder)).rejects.toBeInstanceOf(TrainingInterrupted);
    const other = { quick: { ...classifyTiny, config: { ...classifyTiny.config, size: { filters: 3 } } }, full: classifyTiny };
    await expect(run(makeClassifyCommand(other), true, folder)).rejects.toThrow(/another configuration/);
  }, 60_000);
});

const autoencodeTiny: AutoencodeSizes = {
  trainSize: 24, testSize: 20,
  config: { models: ['AE', 'VAE', 'AutoN-CODE'], epochs: 1, batchSize: 12, learningRate: 1e-3, latent: 3, hidden: 8, tolerance: 1e-3, maxSteps: 10_000, components: [2], samples: 12, featureEpochs: 1 },
};

describe('autoencode (tiny configuration, cpu)', () => {
  it('writes a domain FID per model and sampler, the losses and the three image grids; resumes to the same results', async () => {
    const sizes = { quick: autoencodeTiny, full: autoencodeTiny };
    const whole = await run(makeAutoencodeCommand(sizes));
    const generation = whole.json.generation as Array<{ model: string; sampler: string; fid: number }>;
    expect(generation.map((g) => `${g.model} ${g.sampler}`)).toEqual(['AE GMM 2', 'VAE prior N(0, I)', 'VAE GMM 2', 'AutoN-CODE GMM 2']);
    for (const g of generation) expect(g.fid).toBeGreaterThan(0);
    expect(String(whole.json.metric)).toMatch(/^domain FID/);
    for (const png of ['samples.png', 'reconstructions.png', 'orbits.png']) expect((await stat(join(whole.out, png))).size).toBeGreaterThan(500);
    const folder = await mkdtemp(join(tmpdir(), 'bench-autoencode-resume-'));
    await expect(run(makeAutoencodeCommand(sizes, 2), false, folder)).rejects.toBeInstanceOf(TrainingInterrupted);
    const resumed = await run(makeAutoencodeCommand(sizes), true, folder);
    expect(withoutTimes(resumed.json)).toEqual(withoutTimes(whole.json));
  }, 90_000);

  it('a model whose solver fails stops training, is reported as stopped and not scored, and the others are as in a run without it', async () => {
    // At most one attempted dopri5 step per solve: AutoN-CODE's first training step fails (MaxStepsExceededError); AE and VAE solve nothing.
    const failing = { ...autoencodeTiny, config: { ...autoencodeTiny.config, maxSteps: 1 } };
    const { out, json } = await run(makeAutoencodeCommand({ quick: failing, full: failing }));
    const training = json.training as Array<{ model: string; history: unknown[]; stopped?: string }>;
    const autoNcode = training.find((t) => t.model === 'AutoN-CODE')!;
    expect(autoNcode.stopped).toMatch(/^epoch 1, step 1: reached t=.* after 1 attempted steps/);
    expect(autoNcode.history).toHaveLength(1);
    expect(training.filter((t) => t.stopped !== undefined).map((t) => t.model)).toEqual(['AutoN-CODE']);
    const generation = json.generation as Array<{ model: string; sampler: string; fid: number }>;
    expect(generation.map((g) => `${g.model} ${g.sampler}`)).toEqual(['AE GMM 2', 'VAE prior N(0, I)', 'VAE GMM 2']);
    expect((json.testLoss as Array<{ model: string }>).map((l) => l.model)).toEqual(['AE', 'VAE']);
    const report = await readFile(join(out, 'report.md'), 'utf8');
    expect(report).toMatch(/AutoN-CODE stopped training at epoch 1, step 1: reached t=.*; it was not scored\./);
    expect(report).toMatch(/\| AutoN-CODE +\|.*\| stopped +\|/); // the training table
    await expect(stat(join(out, 'orbits.png'))).rejects.toThrow(); // no orbit of a model that did not train
    const without = await run(makeAutoencodeCommand({ quick: { ...failing, config: { ...failing.config, models: ['AE', 'VAE'] } }, full: failing }));
    expect(generation).toEqual(without.json.generation);
    expect(json.testLoss).toEqual(without.json.testLoss);
  }, 90_000);
});

const clusterTiny: ClusterSizes = {
  trainSize: 24, testSize: 30,
  config: { models: ['AE', 'AutoN-CODE'], epochs: 1, batchSize: 12, learningRate: 1e-3, latent: 3, hidden: 8, tolerance: 1e-3, maxSteps: 10_000, restarts: 2 },
};

describe('cluster (tiny configuration, cpu)', () => {
  it('writes a clustering accuracy per model and restart, each at least the largest class share', async () => {
    const { json } = await run(makeClusterCommand({ quick: clusterTiny, full: clusterTiny }));
    const rows = json.results as Array<{ model: string; accuracies: number[]; mean: number }>;
    expect(rows.map((r) => r.model)).toEqual(['AE', 'AutoN-CODE']);
    for (const r of rows) {
      expect(r.accuracies).toHaveLength(2);
      // 10 clusters matched one-to-one: at least as good as putting every point in one cluster matched to its class… and ≤ 1.
      for (const a of r.accuracies) expect(a).toBeGreaterThan(0.1);
      for (const a of r.accuracies) expect(a).toBeLessThanOrEqual(1);
    }
  }, 60_000);

  it('a model whose solver fails stops, is not clustered and is reported as stopped; the other is clustered', async () => {
    const failing = { ...clusterTiny, config: { ...clusterTiny.config, maxSteps: 1 } };
    const { out, json } = await run(makeClusterCommand({ quick: failing, full: failing }));
    const rows = json.results as Array<{ model: string; accuracies: number[]; mean: number | null; stopped?: string }>;
    expect(rows.map((r) => [r.model, r.stopped === undefined, r.accuracies.length])).toEqual([['AE', true, 2], ['AutoN-CODE', false, 0]]);
    expect(rows[1].mean).toBeNull(); // NaN in JSON
    expect(await readFile(join(out, 'report.md'), 'utf8')).toMatch(/AutoN-CODE stopped training at epoch 1, step 1: .*; it was not clustered\./);
  }, 60_000);
});
