import { join } from 'node:path';
import { writeFileAtomic } from '@tfode/ncode';
import type { BenchCommand, CommandResult } from '../runtime/bench-command';
import { runAutoencode, type AutoencodeConfig } from './autoencode-experiment';
import { autoencoderNames } from '../models/autoencoders';
import { imageExperimentFlags, readImageExperimentArgs } from './experiment-flags';
import { imageGridPng, type GridRow } from '../plots/image-grid';
import { loadImageData } from '../data/image-data';
import { markdownTable, type Table } from '../report/report';

export interface AutoencodeSizes {
  trainSize: number;
  testSize: number;
  config: Omit<AutoencodeConfig, 'seed'>;
}

const base = { models: [...autoencoderNames], batchSize: 64, learningRate: 1e-3, latent: 25, hidden: 400, tolerance: 1e-3, components: [10, 100] };
export const autoencodeSizes: Record<'full' | 'quick', AutoencodeSizes> = {
  full: { trainSize: 8000, testSize: 2000, config: { ...base, epochs: 50, samples: 10_000, featureEpochs: 5 } },
  quick: { trainSize: 1000, testSize: 500, config: { ...base, epochs: 2, samples: 500, featureEpochs: 1, components: [10, 50] } },
};

// N-CODE §4.5 Table 2: Inception FID on CIFAR-10 / CelebA-64 (no MNIST column).
const paperTable2 = 'Paper (Table 2, Inception FID, CIFAR-10 / CelebA-64): VAE 105.45 / 68.07; AE 100 comp. 73.24 / 63.11; AE 1000 comp. 55.55 / 55.60; ' +
  'AutoN-CODE 100 comp. 34.90 / 55.27; AutoN-CODE 1000 comp. 24.19 / 52.47. The claim checked here: AutoN-CODE < AE (and VAE) at 100 components.';

/** `autoencode` with its sizes; tests pass tiny ones and the `interruptAfter` hook. */
export function makeAutoencodeCommand(sizes = autoencodeSizes, interruptAfter?: number): BenchCommand {
  return {
    name: 'autoencode',
    summary: 'AE, VAE and AutoN-CODE (App Table A.1, latent 25): GMM-sampled images, reconstructions, latent orbits, domain FID (or FID with --inception-weights)',
    flags: [
      ...imageExperimentFlags,
      { flags: '--inception-weights <path>', description: 'pt_inception-2015-12-05-6726825d.pth (or a tfjs manifest): real FID instead of the domain FID' },
    ],
    async run(context): Promise<CommandResult> {
      const args = readImageExperimentArgs('autoencode', context.options);
      const inceptionWeights = typeof context.options.args?.inceptionWeights === 'string' ? context.options.args.inceptionWeights : undefined;
      const { trainSize, testSize, config: sized } = sizes[context.options.quick ? 'quick' : 'full'];
      const config: AutoencodeConfig = { ...sized, seed: context.options.seed };
      const data = await loadImageData(args.dataset, { seed: config.seed, trainSize, testSize, dataDir: args.dataDir });
      const result = await runAutoencode(data, config, {
        checkpointFolder: args.checkpointFolder, resume: args.resume, progress: context.progress, interruptAfter, inceptionWeights,
      });
      const [height, width, channels] = data.shape;
      const gridOptions = { height, width, channels: channels as 1 | 3 };
      const images: Array<{ name: string; alt: string; rows: GridRow[]; caption?: string }> = [
        { name: 'samples', alt: `Generated samples (${args.dataset}): decoder of GMM / prior draws`, rows: result.grids.samples },
        { name: 'reconstructions', alt: `Test images and their reconstructions (${args.dataset})`, rows: result.grids.reconstructions },
      ];
      if (result.grids.orbits.length > 0) {
        images.push({
          name: 'orbits', alt: 'AutoN-CODE: decoded latent orbit x(t) (Fig 7, A.4)', rows: result.grids.orbits,
          caption: `columns: decoder(x(t)) at t = ${result.grids.orbitTimes.join(', ')}; last column: the test image`,
        });
      }
      for (const image of images) {
        await writeFileAtomic(join(args.out, `${image.name}.png`), imageGridPng(image.rows, { ...gridOptions, title: image.alt, caption: image.caption }));
      }
      const fidName = inceptionWeights ? 'FID' : 'domain FID';
      const generation: Table = {
        columns: ['model', 'sampler', `${fidName} (${config.samples} samples vs ${data.test.size} test images)`],
        rows: result.generation.map((g) => [g.model, g.sampler, Number(g.fid.toFixed(2))]),
      };
      const training: Table = {
        columns: ['model', 'parameters', 'epochs', 'final train loss', 'test BCE (Σ pixels)', 'train s'],
        rows: result.training.map((t) => [
          t.model, t.parameters, t.history.length, Number((t.history.at(-1)?.loss ?? NaN).toFixed(3)),
          Number((result.testLoss.find((l) => l.model === t.model)?.reconstructionBce ?? NaN).toFixed(2)), Number(t.trainSeconds.toFixed(0)),
        ]),
      };
      const setup =
        `${args.dataset}: ${data.train.size} training and ${data.test.size} test images from ${data.source}. AE, VAE and AutoN-CODE share the App Table A.1 ` +
        `(MNIST column) layers: ${height * width * channels} → ${config.hidden} → code, latent ${config.latent} → ${config.hidden} → pixels (sigmoid); ` +
        `AutoN-CODE's encoder gives θ with 2 non-zeros per row, normalised, and x(0) ~ N(0, I) flows ẋ = θx over [0, 10] (dopri5 ${config.tolerance}). ` +
        `Binary cross-entropy (App C.4's KL loss for MNIST), Adam ${config.learningRate}, batch ${config.batchSize}, ${config.epochs} epochs, seed ${config.seed}. ` +
        `GMMs (${config.components.join(' and ')} components, full covariance, k-means++ start, tolerance 1e-3, ≤ 100 EM iterations, covariance regularisation 1e-4) are fit to the test latents as in App C.6; ` +
        `the VAE is also sampled from its prior.`;
      return {
        data: { dataset: args.dataset, source: data.source, trainSize: data.train.size, testSize: data.test.size, config, ...result, grids: undefined },
        report: {
          title: `autoencode: AE, VAE and AutoN-CODE on ${args.dataset}`,
          summary: [setup, `Metric: ${result.metric}.`, paperTable2],
          sections: [
            { heading: 'Generation', table: generation },
            { heading: 'Training', table: training },
            { heading: 'Images', images: images.map((i) => ({ path: `${i.name}.png`, alt: i.alt })) },
          ],
        },
        plots: [],
        terminal: `${markdownTable(generation)}\n\n${markdownTable(training)}`,
      };
    },
  };
}

export const autoencodeCommand = makeAutoencodeCommand();
