import * as tf from '@tensorflow/tfjs-core';
import { FidInceptionV3, computeStatistics, fid, type GaussianStatistics } from '@tfode/metrics-fid';
import { GaussianMixture, type Module } from '@tfode/ncode';
import { AutoNCODEModel, type Autoencoder, type AutoencoderName } from '../models/autoencoders';
import { autoencoderJob, encodeAll } from '../training/autoencoder-training';
import { DomainFeatureNet, domainFeatureJob, domainFid, featureStatistics } from '../metrics/domain-fid';
import type { GridRow } from '../plots/image-grid';
import { sliceBatch, type ImageData } from '../data/image-data';
import { trainResumable, type TrainingJob } from '../training/resumable-training';
import type { RunIo } from './classification-experiment';

export interface AutoencodeConfig {
  models: AutoencoderName[];
  epochs: number;
  batchSize: number;
  learningRate: number;
  latent: number;
  hidden: number;
  tolerance: number;
  /** GMM components fit to the test latents (App C.6). */
  components: number[];
  /** Generated images per FID. */
  samples: number;
  /** Epochs of the domain-FID feature network. */
  featureEpochs: number;
  seed: number;
}

export interface GenerationRow {
  model: AutoencoderName;
  /** 'prior' (VAE's N(0, I)) or the GMM's component count. */
  sampler: string;
  fid: number;
}

export interface AutoencodeResult {
  /** 'domain FID (…)' or 'FID (Inception-V3)'. */
  metric: string;
  training: Array<{ model: string; history: Array<Record<string, number>>; trainSeconds: number; parameters: number }>;
  testLoss: Array<{ model: AutoencoderName; reconstructionBce: number }>;
  generation: GenerationRow[];
  grids: { samples: GridRow[]; reconstructions: GridRow[]; orbits: GridRow[]; orbitTimes: number[] };
}

type Scorer = { metric: string; reference: GaussianStatistics; score(images: tf.Tensor4D): Promise<number>; dispose(): void };

async function inceptionScorer(weights: string, test: tf.Tensor4D): Promise<Scorer> {
  const network = await FidInceptionV3.load(weights);
  const reference = (await computeStatistics(test, { network })).statistics;
  return {
    metric: 'FID (Inception-V3 pool features, @tfode/metrics-fid)',
    reference,
    score: async (images) => (await fid(images, reference, { network })).fid,
    dispose: () => network.dispose(),
  };
}

async function domainScorer(net: DomainFeatureNet, test: tf.Tensor4D): Promise<Scorer> {
  const reference = await featureStatistics(net, test);
  return {
    metric: 'domain FID (Fréchet distance of the 2048-d penultimate features of a classifier trained on this data set; not comparable with Inception FIDs)',
    reference,
    score: async (images) => domainFid(await featureStatistics(net, images), reference),
    dispose: () => undefined,
  };
}

const toImages = (flat: tf.Tensor, shape: readonly number[]) => tf.reshape(flat, [flat.shape[0], shape[0], shape[1], shape[2]]) as tf.Tensor4D;

/** Rows of `n` images of a [N, …] tensor as Float32Arrays. */
function imagesOf(t: tf.Tensor, n: number): Float32Array[] {
  const per = t.size / t.shape[0];
  const values = t.dataSync() as Float32Array;
  return Array.from({ length: Math.min(n, t.shape[0]) }, (_, i) => values.slice(i * per, (i + 1) * per));
}

/**
 * Trains the AE, VAE and AutoN-CODE (and, without Inception weights, the domain-FID feature network),
 * checkpointed; then fits GMMs with `components` to the test latents, decodes `samples` draws of each
 * and scores them against the test set; reconstructions and AutoN-CODE's latent orbits as image rows.
 */
export async function runAutoencode(data: ImageData, config: AutoencodeConfig, io: RunIo & { inceptionWeights?: string }): Promise<AutoencodeResult> {
  const inputs = data.shape.reduce((p, d) => p * d, 1);
  const options = { inputs, latent: config.latent, hidden: config.hidden, seed: config.seed, tolerance: config.tolerance };
  const jobs: Array<TrainingJob<Module>> = [];
  if (!io.inceptionWeights) jobs.push(domainFeatureJob(data.train, { epochs: config.featureEpochs, batchSize: 64, seed: config.seed }) as TrainingJob<Module>);
  for (const name of config.models) jobs.push(autoencoderJob(name, data.train, options, config) as unknown as TrainingJob<Module>);
  const trained = await trainResumable(jobs, {
    folder: io.checkpointFolder, resume: io.resume, progress: io.progress, label: 'autoencode', interruptAfter: io.interruptAfter,
    fingerprint: JSON.stringify({ config, train: data.train.size, test: data.test.size, source: data.source, inception: Boolean(io.inceptionWeights) }),
  });
  const testAll = sliceBatch(data.test, 0, data.test.size);
  const scorer = io.inceptionWeights
    ? await inceptionScorer(io.inceptionWeights, testAll.x)
    : await domainScorer(trained[0].model as DomainFeatureNet, testAll.x);
  const models = trained.filter((t) => t.model !== trained[0].model || io.inceptionWeights).map((t) => t.model as Autoencoder);
  const shown = tf.reshape(tf.slice(testAll.x, [0], [Math.min(8, data.test.size)]), [-1, inputs]) as tf.Tensor2D;
  const result: AutoencodeResult = {
    metric: scorer.metric,
    training: trained.map((t) => ({ model: t.name, history: t.history, trainSeconds: t.trainSeconds, parameters: t.model.parameterCount })),
    testLoss: [],
    generation: [],
    grids: { samples: [], reconstructions: [{ label: 'test images', images: imagesOf(shown, 8) }], orbits: [], orbitTimes: [] },
  };
  // Per model: encoding the test set, then one sampler per GMM size, and the VAE's prior too.
  const steps = models.reduce((n, ae) => n + 1 + config.components.length + (ae.name === 'VAE' ? 1 : 0), 0);
  const progress = io.progress('autoencode sampling + FID', steps, config.models[0]);
  for (const ae of models) {
    const testFlat = tf.reshape(testAll.x, [data.test.size, inputs]) as tf.Tensor2D;
    const loss = ae.loss(testFlat, config.seed + 77);
    result.testLoss.push({ model: ae.name, reconstructionBce: (await loss.data())[0] });
    const reconstruction = tf.tidy(() => ae.decode(ae.encode(shown, config.seed + 99)));
    result.grids.reconstructions.push({ label: ae.name, images: imagesOf(reconstruction, 8) });
    tf.dispose([loss, reconstruction, testFlat]);
    const latents = await encodeAll(ae, data.test, config.seed + 1234);
    const samplers: Array<[string, () => tf.Tensor2D]> = config.components.map((k) => [`GMM ${k}`, () => {
      const gmm = GaussianMixture.fit(latents, { components: k, seed: config.seed, regularization: 1e-4 });
      return gmm.sample(config.samples, config.seed + k);
    }]);
    if (ae.name === 'VAE') samplers.unshift(['prior N(0, I)', () => tf.randomNormal([config.samples, config.latent], 0, 1, 'float32', config.seed + 5)]);
    progress.tick(`${ae.name} samples`);
    for (const [sampler, draw] of samplers) {
      const codes = draw();
      const images = tf.tidy(() => toImages(ae.decode(codes), data.shape));
      result.generation.push({ model: ae.name, sampler, fid: await scorer.score(images) });
      result.grids.samples.push({ label: `${ae.name} · ${sampler}`, images: imagesOf(images, 10) });
      tf.dispose([codes, images]);
      progress.tick(`${ae.name} ${sampler}`);
    }
    if (ae instanceof AutoNCODEModel) {
      result.grids.orbitTimes = [0, 1, 2, 3, 4, 6, 8, 10];
      const orbit = ae.orbit(tf.slice(shown, [0], [Math.min(6, shown.shape[0])]) as tf.Tensor2D, result.grids.orbitTimes, config.seed + 99);
      const perTime = tf.unstack(orbit).map((t) => imagesOf(t, 6));
      const truth = imagesOf(shown, 6);
      result.grids.orbits = truth.map((image, i) => ({ label: `test ${i + 1}`, images: [...perTime.map((frames) => frames[i]), image] }));
      orbit.dispose();
    }
  }
  progress.stop();
  scorer.dispose();
  tf.dispose([testAll.x, testAll.y, shown]);
  for (const t of trained) t.model.dispose();
  return result;
}
