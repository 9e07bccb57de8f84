import { GaussianMixture, type Module } from '@tfode/ncode';
import type { Autoencoder, AutoencoderName } from '../models/autoencoders';
import { autoencoderJob, encodeAll } from '../training/autoencoder-training';
import type { AutoencodeConfig } from './autoencode-experiment';
import type { RunIo } from './classification-experiment';
import { clusteringAccuracy } from '../metrics/hungarian';
import type { ImageData } from '../data/image-data';
import { trainResumable, type TrainingJob } from '../training/resumable-training';

export type ClusterConfig = Pick<AutoencodeConfig, 'epochs' | 'batchSize' | 'learningRate' | 'latent' | 'hidden' | 'tolerance' | 'seed'> & {
  models: AutoencoderName[];
  /** GMM-10 fits with different k-means++ seeds (App C.7: "different initializations"). */
  restarts: number;
};

export interface ClusterRow {
  model: AutoencoderName;
  /** Accuracy of each restart, in seed order. */
  accuracies: number[];
  mean: number;
  best: number;
  /** The restart with the highest GMM likelihood (the unsupervised choice). */
  byLikelihood: number;
  trainSeconds: number;
}

/**
 * N-CODE App C.7: latent codes of the test set (AutoN-CODE: x(T)) clustered by a
 * 10-component GMM, scored by clustering accuracy (Hungarian matching of clusters to classes).
 */
export async function runCluster(data: ImageData, config: ClusterConfig, io: RunIo): Promise<ClusterRow[]> {
  const inputs = data.shape.reduce((p, d) => p * d, 1);
  const options = { inputs, latent: config.latent, hidden: config.hidden, seed: config.seed, tolerance: config.tolerance };
  const jobs = config.models.map((name) => autoencoderJob(name, data.train, options, config) as unknown as TrainingJob<Module>);
  const trained = await trainResumable(jobs, {
    folder: io.checkpointFolder, resume: io.resume, progress: io.progress, label: 'cluster', interruptAfter: io.interruptAfter,
    fingerprint: JSON.stringify({ config, train: data.train.size, test: data.test.size, source: data.source }),
  });
  const labels = Array.from(data.test.y);
  const classes = data.test.numClasses ?? 10;
  const progress = io.progress('cluster GMM fits', trained.length * config.restarts, trained[0]?.name ?? '');
  const rows: ClusterRow[] = [];
  for (const { name, model, trainSeconds } of trained) {
    const latents = await encodeAll(model as Autoencoder, data.test, config.seed + 1234);
    const fits = Array.from({ length: config.restarts }, (_, r) => {
      const gmm = GaussianMixture.fit(latents, { components: classes, seed: config.seed + r, regularization: 1e-4 });
      progress.tick(name);
      return { likelihood: gmm.logLikelihood(latents), accuracy: clusteringAccuracy(gmm.predict(latents), labels).accuracy };
    });
    const accuracies = fits.map((f) => f.accuracy);
    rows.push({
      model: name as AutoencoderName, accuracies, trainSeconds,
      mean: accuracies.reduce((s, a) => s + a, 0) / accuracies.length,
      best: Math.max(...accuracies),
      byLikelihood: fits.reduce((b, f) => (f.likelihood > b.likelihood ? f : b)).accuracy,
    });
    model.dispose();
  }
  progress.stop();
  return rows;
}
