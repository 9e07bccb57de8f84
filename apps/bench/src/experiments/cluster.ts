import { GaussianMixture } from '@tfode/ncode';
import type { ImageData } from '../data/image-data';
import { clusteringAccuracy } from '../metrics/hungarian';
import type { Autoencoder, AutoencoderName } from '../models/autoencoders';
import type { Table } from '../report/report';
import { stoppedSection } from '../report/stopped-section';
import type { BenchCommand } from '../runtime/bench-command';
import { autoencoderJobs, encodeAll, type AutoencoderTrainingConfig } from '../training/autoencoder-training';
import { trainOnImages, type TrainingIo } from '../training/train-on-images';
import { clusterClaims } from './image-claims';
import { experimentCommand, type Variants } from './experiment';
import { imageExperimentFlags, imageFacts, imageRun, imagesSentence, loadRunImages, trainingIo, type ImageSizes } from './image-run';

export interface ClusterConfig extends AutoencoderTrainingConfig {
  /** GMM-10 fits with different k-means++ seeds (App C.7: "different initializations"). */
  restarts: number;
}

export type ClusterSizes = ImageSizes<ClusterConfig>;

const base = {
  models: ['AE', 'VAE', 'AutoN-CODE', 'AutoN-CODE sampled-x0'] as AutoencoderName[], batchSize: 64, learningRate: 1e-3, latent: 25, hidden: 400, tolerance: 1e-3, maxSteps: 10_000,
};
export const clusterSizes: Variants<ClusterSizes> = {
  full: { trainSize: 8000, testSize: 2000, config: { ...base, epochs: 50, restarts: 5 } },
  quick: { trainSize: 1000, testSize: 500, config: { ...base, epochs: 2, restarts: 3 } },
};

// N-CODE App C.7 Fig A.10, MNIST column (clustering accuracy %).
const paper: Record<string, string> = { AE: '81.2 (AE GMM)', 'AutoN-CODE': '86.02 (GMM)', VAE: '83.2' };

export interface ClusterRow {
  model: AutoencoderName;
  /** Accuracy of each restart, in seed order (none for a model that stopped training). */
  accuracies: number[];
  mean: number;
  best: number;
  /** The restart with the highest GMM likelihood (the unsupervised choice). */
  byLikelihood: number;
  trainSeconds: number;
  /** Why training stopped early; such a model is not clustered (its accuracies are NaN). */
  stopped?: string;
}

/**
 * N-CODE App C.7: latent codes of the test set (AutoN-CODE: x(T)) clustered by a 10-component GMM,
 * scored by clustering accuracy (Hungarian matching of clusters to classes), for every model that trained to the end.
 */
export async function runCluster(data: ImageData, config: ClusterConfig, io: TrainingIo): Promise<ClusterRow[]> {
  const trained = await trainOnImages('cluster', autoencoderJobs(data, config), data, config, io);
  const labels = Array.from(data.test.y);
  const classes = data.test.numClasses ?? 10;
  const finished = trained.filter((t) => t.stopped === undefined);
  const progress = io.progress('cluster GMM fits', finished.length * config.restarts, finished[0]?.name ?? '');
  const scores = async (model: Autoencoder): Promise<Pick<ClusterRow, 'accuracies' | 'mean' | 'best' | 'byLikelihood'>> => {
    const latents = await encodeAll(model, data.test, config.seed + 1234);
    const fits = Array.from({ length: config.restarts }, (_, r) => {
      const gmm = GaussianMixture.fit(latents, { components: classes, seed: config.seed + r, regularization: 1e-4 });
      progress.tick(model.name);
      return { likelihood: gmm.logLikelihood(latents), accuracy: clusteringAccuracy(gmm.predict(latents), labels).accuracy };
    });
    const accuracies = fits.map((f) => f.accuracy);
    return {
      accuracies,
      mean: accuracies.reduce((s, a) => s + a, 0) / accuracies.length,
      best: Math.max(...accuracies),
      byLikelihood: fits.reduce((b, f) => (f.likelihood > b.likelihood ? f : b)).accuracy,
    };
  };
  const notClustered = { accuracies: [], mean: Number.NaN, best: Number.NaN, byLikelihood: Number.NaN };
  const rows: ClusterRow[] = [];
  for (const { name, model, trainSeconds, stopped } of trained) {
    rows.push({ model: name as AutoencoderName, ...(stopped === undefined ? await scores(model) : notClustered), trainSeconds, stopped });
    model.dispose();
  }
  progress.stop();
  return rows;
}

function accuracyTable(rows: ClusterRow[], dataset: string): Table {
  const pct = (v: number) => Number((100 * v).toFixed(1));
  return {
    columns: ['model', 'accuracy % (mean)', 'best', 'max-likelihood fit', 'per restart', 'train s', `paper (${dataset === 'mnist' ? 'MNIST' : 'MNIST, for reference'})`],
    rows: rows.map((r) => [
      r.model, r.stopped === undefined ? pct(r.mean) : 'stopped', pct(r.best), pct(r.byLikelihood), r.accuracies.map(pct).join(' · '),
      Number(r.trainSeconds.toFixed(0)), paper[r.model] ?? '—',
    ]),
  };
}

/** `cluster` with its sizes; tests pass tiny ones and the `interruptAfter` hook. */
export function makeClusterCommand(sizes = clusterSizes, interruptAfter?: number): BenchCommand {
  return experimentCommand({
    name: 'cluster',
    summary: 'GMM-10 clustering accuracy (Hungarian matching) of AE and AutoN-CODE latent codes (App C.7)',
    flags: imageExperimentFlags,
    variants: sizes,
    configure: (variant, options) => imageRun('cluster', variant, options),
    run: async (run, context) => {
      const data = await loadRunImages(run);
      return { data, rows: await runCluster(data, run.config, trainingIo(run, context, interruptAfter)) };
    },
    title: ({ config: run }) => `cluster: GMM-10 clustering of latent codes, ${run.dataset}`,
    setup: ({ config: run, result: { data } }) =>
      `${imagesSentence(run, data)} The ${run.config.models.join(', ')} of \`autoencode\` ` +
      `(latent ${run.config.latent}, ${run.config.epochs} epochs, batch ${run.config.batchSize}, seed ${run.config.seed}); the test latents (AutoN-CODE: x(10)) are clustered by a ` +
      `10-component full-covariance GMM, ${run.config.restarts} k-means++ initialisations; accuracy = best one-to-one matching of clusters to classes (Hungarian).`,
    sections: ({ config: run, result }) => [
      { heading: 'Clustering accuracy', table: accuracyTable(result.rows, run.dataset) },
      ...stoppedSection(result.rows, 'it was not clustered'),
    ],
    claims: ({ result }) => clusterClaims(result.rows),
    data: ({ config: run, result }) => ({ ...imageFacts(run, result.data), config: run.config, results: result.rows }),
  });
}

export const clusterCommand = makeClusterCommand();
