import * as tf from '@tensorflow/tfjs-core';
import { GaussianMixture, type Module } from '@tfode/ncode';
import { writeFileAtomic } from '@tfode/ncode/node';
import { join } from 'node:path';
import { sliceBatch, type ImageData } from '../data/image-data';
import { domainFeatureJob, type DomainFeatureNet } from '../metrics/domain-fid';
import { domainScorer, inceptionScorer } from '../metrics/image-scorer';
import { AutoNCODEModel, autoencoderNames, type Autoencoder, type AutoencoderName } from '../models/autoencoders';
import { imageGridPng, type GridRow } from '../plots/image-grid';
import type { Table } from '../report/report';
import { stoppedSection } from '../report/stopped-section';
import type { BenchCommand } from '../runtime/bench-command';
import { autoencoderJobs, encodeAll, type AutoencoderTrainingConfig } from '../training/autoencoder-training';
import type { TrainedModel, TrainingJob } from '../training/resumable-training';
import { trainOnImages, type TrainingIo } from '../training/train-on-images';
import { experimentCommand, type FinishedRun, type Variants } from './experiment';
import { autoencodeClaims } from './image-claims';
import { imageExperimentFlags, imageFacts, imageRun, imagesSentence, loadRunImages, trainingIo, type ImageRun, type ImageSizes } from './image-run';

export interface AutoencodeConfig extends AutoencoderTrainingConfig {
  /** GMM components fit to the training latents (App C.6 fits the test latents; see runAutoencode). */
  components: number[];
  /** Generated images per FID. */
  samples: number;
  /** Epochs of the domain-FID feature network. */
  featureEpochs: number;
}

export type AutoencodeSizes = ImageSizes<AutoencodeConfig>;

const base = {
  models: [...autoencoderNames], batchSize: 64, learningRate: 1e-3, latent: 25, hidden: 400, tolerance: 1e-3, maxSteps: 10_000, components: [10, 100],
};
export const autoencodeSizes: Variants<AutoencodeSizes> = {
  full: { trainSize: 8000, testSize: 2000, config: { ...base, epochs: 50, samples: 10_000, featureEpochs: 5 } },
  quick: { trainSize: 1000, testSize: 500, config: { ...base, epochs: 2, samples: 500, featureEpochs: 1, components: [10, 50] } },
};

// N-CODE §4.5 Table 2: Inception FID on CIFAR-10 / CelebA-64 (no MNIST column).
const paperTable2 = 'Paper (Table 2, Inception FID, CIFAR-10 / CelebA-64): VAE 105.45 / 68.07; AE 100 comp. 73.24 / 63.11; AE 1000 comp. 55.55 / 55.60; ' +
  'AutoN-CODE 100 comp. 34.90 / 55.27; AutoN-CODE 1000 comp. 24.19 / 52.47. The claim checked here: AutoN-CODE < AE (and VAE) at 100 components.';

export interface GenerationRow {
  model: AutoencoderName;
  /** 'prior' (VAE's N(0, I)) or the GMM's component count. */
  sampler: string;
  fid: number;
}

export interface AutoencodeResult {
  /** 'domain FID (…)' or 'FID (Inception-V3)'. */
  metric: string;
  /** Every trained network; `stopped` says where and why one stopped (it is then not scored). */
  training: Array<{ model: string; history: Array<Record<string, number>>; trainSeconds: number; parameters: number; stopped?: string }>;
  testLoss: Array<{ model: AutoencoderName; reconstructionBce: number }>;
  generation: GenerationRow[];
  grids: { samples: GridRow[]; reconstructions: GridRow[]; orbits: GridRow[]; orbitTimes: number[] };
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
 * checkpointed; then, for every model that trained to the end, fits GMMs with `components` to the
 * training latents (App C.6 fits the test set's, which is also the FID reference: here the reference
 * is images the GMM never saw), decodes `samples` draws of each and scores them against the test set; reconstructions and
 * AutoN-CODE's latent orbits as image rows. A model whose training stopped is recorded and not scored.
 */
export async function runAutoencode(data: ImageData, config: AutoencodeConfig, io: TrainingIo & { inceptionWeights?: string }): Promise<AutoencodeResult> {
  const inputs = data.shape.reduce((p, d) => p * d, 1);
  const featureJobs = io.inceptionWeights ? [] : [domainFeatureJob(data.train, { epochs: config.featureEpochs, batchSize: 64, seed: config.seed }) as TrainingJob<Module>];
  const jobs = [...featureJobs, ...(autoencoderJobs(data, config) as unknown as Array<TrainingJob<Module>>)];
  const trained = await trainOnImages('autoencode', jobs, data, config, io, { inception: Boolean(io.inceptionWeights) });
  const testAll = sliceBatch(data.test, 0, data.test.size);
  const scorer = io.inceptionWeights
    ? await inceptionScorer(io.inceptionWeights, testAll.x)
    : await domainScorer(trained[0].model as DomainFeatureNet, testAll.x);
  const autoencoders = trained.slice(featureJobs.length) as unknown as Array<TrainedModel<Autoencoder>>;
  const models = autoencoders.filter((t) => t.stopped === undefined).map((t) => t.model);
  const shown = tf.reshape(tf.slice(testAll.x, [0], [Math.min(8, data.test.size)]), [-1, inputs]) as tf.Tensor2D;
  const result: AutoencodeResult = {
    metric: scorer.metric,
    training: trained.map((t) => ({ model: t.name, history: t.history, trainSeconds: t.trainSeconds, parameters: t.model.parameterCount, stopped: t.stopped })),
    testLoss: [],
    generation: [],
    grids: { samples: [], reconstructions: [{ label: 'test images', images: imagesOf(shown, 8) }], orbits: [], orbitTimes: [] },
  };
  // Per model: encoding the test set, then one sampler per GMM size, and the VAE's prior too.
  const steps = models.reduce((n, ae) => n + 1 + config.components.length + (ae.name === 'VAE' ? 1 : 0), 0);
  const progress = io.progress('autoencode sampling + FID', steps, models[0]?.name ?? '');
  for (const ae of models) {
    const testFlat = tf.reshape(testAll.x, [data.test.size, inputs]) as tf.Tensor2D;
    const loss = ae.loss(testFlat, config.seed + 77);
    result.testLoss.push({ model: ae.name, reconstructionBce: (await loss.data())[0] });
    const reconstruction = tf.tidy(() => ae.decode(ae.encode(shown, config.seed + 99)));
    result.grids.reconstructions.push({ label: ae.name, images: imagesOf(reconstruction, 8) });
    tf.dispose([loss, reconstruction, testFlat]);
    const latents = await encodeAll(ae, data.train, config.seed + 1234);
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

type AutoencodeRun = FinishedRun<
  ImageRun<AutoencodeConfig>,
  { data: ImageData; outcome: AutoencodeResult; images: Array<{ path: string; alt: string }>; fidName: string }
>;

/** Writes the image grids that have rows into the results folder; returns them for the report's Images section. */
async function writeImageGrids(run: ImageRun<AutoencodeConfig>, data: ImageData, grids: AutoencodeResult['grids']): Promise<Array<{ path: string; alt: string }>> {
  const [height, width, channels] = data.shape;
  const images: Array<{ name: string; alt: string; rows: GridRow[]; caption?: string }> = [
    { name: 'samples', alt: `Generated samples (${run.dataset}): decoder of GMM / prior draws`, rows: grids.samples },
    { name: 'reconstructions', alt: `Test images and their reconstructions (${run.dataset})`, rows: grids.reconstructions },
    {
      name: 'orbits', alt: 'AutoN-CODE: decoded latent orbit x(t) (Fig 7, A.4)', rows: grids.orbits,
      caption: `columns: decoder(x(t)) at t = ${grids.orbitTimes.join(', ')}; last column: the test image`,
    },
  ];
  const written = images.filter((image) => image.rows.length > 0);
  for (const image of written) {
    await writeFileAtomic(join(run.out, `${image.name}.png`), imageGridPng(image.rows, { height, width, channels: channels as 1 | 3, title: image.alt, caption: image.caption }));
  }
  return written.map((image) => ({ path: `${image.name}.png`, alt: image.alt }));
}

function generationTable({ config: run, result }: AutoencodeRun): Table {
  return {
    columns: ['model', 'sampler', `${result.fidName} (${run.config.samples} samples vs ${result.data.test.size} test images)`],
    rows: result.outcome.generation.map((g) => [g.model, g.sampler, Number(g.fid.toFixed(2))]),
  };
}

function trainingTable({ result: { outcome } }: AutoencodeRun): Table {
  return {
    columns: ['model', 'parameters', 'epochs', 'final train loss', 'test loss (BCE Σ pixels; VAE: + KL, the negative ELBO)', 'train s'],
    rows: outcome.training.map((t) => [
      t.model, t.parameters, t.history.length, Number((t.history.at(-1)?.loss ?? NaN).toFixed(3)),
      t.stopped === undefined ? Number((outcome.testLoss.find((l) => l.model === t.model)?.reconstructionBce ?? NaN).toFixed(2)) : 'stopped',
      Number(t.trainSeconds.toFixed(0)),
    ]),
  };
}

/** `autoencode` with its sizes; tests pass tiny ones and the `interruptAfter` hook. */
export function makeAutoencodeCommand(sizes = autoencodeSizes, interruptAfter?: number): BenchCommand {
  return experimentCommand({
    name: 'autoencode',
    summary: 'AE, VAE and AutoN-CODE (App Table A.1, latent 25): GMM-sampled images, reconstructions, latent orbits, domain FID (or FID with --inception-weights)',
    flags: [
      ...imageExperimentFlags,
      { flags: '--inception-weights <path>', description: 'pt_inception-2015-12-05-6726825d.pth (or a tfjs manifest): real FID instead of the domain FID' },
    ],
    variants: sizes,
    configure: (variant, options) => imageRun('autoencode', variant, options),
    run: async (run, context) => {
      const data = await loadRunImages(run);
      const inceptionWeights = typeof context.options.args?.inceptionWeights === 'string' ? context.options.args.inceptionWeights : undefined;
      const outcome = await runAutoencode(data, run.config, { ...trainingIo(run, context, interruptAfter), inceptionWeights });
      return { data, outcome, images: await writeImageGrids(run, data, outcome.grids), fidName: inceptionWeights ? 'FID' : 'domain FID' };
    },
    title: ({ config: run }) => `autoencode: AE, VAE and AutoN-CODE on ${run.dataset}`,
    setup: ({ config: run, result: { data } }) => {
      const { config } = run;
      return (
        `${imagesSentence(run, data)} AE, VAE and AutoN-CODE share the App Table A.1 ` +
        `(MNIST column) layers: ${data.shape.reduce((p, d) => p * d, 1)} → ${config.hidden} → code, latent ${config.latent} → ${config.hidden} → pixels (sigmoid); ` +
        `AutoN-CODE's encoder gives θ with 2 non-zeros per row, and x(0) flows ẋ = θx over [0, 10] (dopri5 ${config.tolerance}). ` +
        `"AutoN-CODE" is the deterministic reading (§4.4, App C.6, Fig 8): one fixed seeded x(0) ~ N(0, I) shared by every input, each row of θ normalised to 0.2; ` +
        `the other AutoN-CODE rows change one thing each: x(0) learned, or drawn per sample (Eq 9 read literally), or θ normalised as a whole matrix, or not at all (App C.4's "component-wise normalisation"). ` +
        `Binary cross-entropy (App C.4's KL loss for MNIST; the VAE's loss adds its KL term: the negative ELBO), Adam ${config.learningRate} halved when the epoch's training loss makes no 0.1 % gain for 3 epochs (App C.4's halving on plateaus), batch ${config.batchSize}, ${config.epochs} epochs, seed ${config.seed}. ` +
        `GMMs (${config.components.join(' and ')} components, full covariance, k-means++ start, tolerance 1e-3, ≤ 100 EM iterations, covariance regularisation 1e-4) are fit to the training latents ` +
        `(App C.6 fits the test latents, which are also the FID reference: here the GMM never saw the reference images); the VAE is also sampled from its prior.`
      );
    },
    notes: ({ result }) => [`Metric: ${result.outcome.metric}.`, paperTable2],
    sections: (finished) => [
      { heading: 'Generation', table: generationTable(finished) },
      { heading: 'Training', table: trainingTable(finished) },
      ...stoppedSection(finished.result.outcome.training, 'it was not scored'),
      { heading: 'Images', images: finished.result.images },
    ],
    claims: ({ result }) => autoencodeClaims(result.outcome, result.fidName),
    data: ({ config: run, result }) => ({ ...imageFacts(run, result.data), config: run.config, ...result.outcome, grids: undefined }),
  });
}

export const autoencodeCommand = makeAutoencodeCommand();
