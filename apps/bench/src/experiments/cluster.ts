import type { BenchCommand, CommandResult } from '../runtime/bench-command';
import { runCluster, type ClusterConfig } from './cluster-experiment';
import { imageExperimentFlags, readImageExperimentArgs } from './experiment-flags';
import { loadImageData } from '../data/image-data';
import { markdownTable, type Table } from '../report/report';

export interface ClusterSizes {
  trainSize: number;
  testSize: number;
  config: Omit<ClusterConfig, 'seed'>;
}

const base = { models: ['AE', 'AutoN-CODE'] as ClusterConfig['models'], batchSize: 64, learningRate: 1e-3, latent: 25, hidden: 400, tolerance: 1e-3 };
export const clusterSizes: Record<'full' | 'quick', ClusterSizes> = {
  full: { trainSize: 8000, testSize: 2000, config: { ...base, epochs: 50, restarts: 5 } },
  quick: { trainSize: 1000, testSize: 500, config: { ...base, epochs: 2, restarts: 3 } },
};

// N-CODE App C.7 Fig A.10, MNIST column (clustering accuracy %).
const paper: Record<string, string> = { AE: '81.2 (AE GMM)', 'AutoN-CODE': '86.02 (GMM)', VAE: '83.2' };

/** `cluster` with its sizes; tests pass tiny ones and the `interruptAfter` hook. */
export function makeClusterCommand(sizes = clusterSizes, interruptAfter?: number): BenchCommand {
  return {
    name: 'cluster',
    summary: 'GMM-10 clustering accuracy (Hungarian matching) of AE and AutoN-CODE latent codes (App C.7)',
    flags: imageExperimentFlags,
    async run(context): Promise<CommandResult> {
      const args = readImageExperimentArgs('cluster', context.options);
      const { trainSize, testSize, config: sized } = sizes[context.options.quick ? 'quick' : 'full'];
      const config: ClusterConfig = { ...sized, seed: context.options.seed };
      const data = await loadImageData(args.dataset, { seed: config.seed, trainSize, testSize, dataDir: args.dataDir });
      const rows = await runCluster(data, config, { checkpointFolder: args.checkpointFolder, resume: args.resume, progress: context.progress, interruptAfter });
      const pct = (v: number) => Number((100 * v).toFixed(1));
      const table: Table = {
        columns: ['model', 'accuracy % (mean)', 'best', 'max-likelihood fit', 'per restart', 'train s', `paper (${args.dataset === 'mnist' ? 'MNIST' : 'MNIST, for reference'})`],
        rows: rows.map((r) => [r.model, pct(r.mean), pct(r.best), pct(r.byLikelihood), r.accuracies.map(pct).join(' · '), Number(r.trainSeconds.toFixed(0)), paper[r.model] ?? '—']),
      };
      const setup =
        `${args.dataset}: ${data.train.size} training and ${data.test.size} test images from ${data.source}. The AE and AutoN-CODE of \`autoencode\` ` +
        `(latent ${config.latent}, ${config.epochs} epochs, batch ${config.batchSize}, seed ${config.seed}); the test latents (AutoN-CODE: x(10)) are clustered by a ` +
        `10-component full-covariance GMM, ${config.restarts} k-means++ initialisations; accuracy = best one-to-one matching of clusters to classes (Hungarian).`;
      return {
        data: { dataset: args.dataset, source: data.source, trainSize: data.train.size, testSize: data.test.size, config, results: rows },
        report: { title: `cluster: GMM-10 clustering of latent codes, ${args.dataset}`, summary: [setup], sections: [{ heading: 'Clustering accuracy', table }] },
        plots: [],
        terminal: markdownTable(table),
      };
    },
  };
}

export const clusterCommand = makeClusterCommand();
