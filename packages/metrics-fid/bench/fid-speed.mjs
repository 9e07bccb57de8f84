// Times the float64 statistics and the Fréchet distance at the sizes FID uses, against the built dist:
//   npx tsup && node bench/fid-speed.mjs [rowsA=10000] [rowsB=2000] [dim=2048]
// Features are ReLU(W z) + 0.05·noise with z ~ N(0, I₆₄) (correlated, decaying spectrum) for the
// "correlated" case and i.i.d. N(0, 1) for the "white" case; rows arrive in chunks of 500 as Float32Array,
// like FeatureStatistics.addTensor reads them.
import { SeededRandom } from '@tfode/seeded-random';
import { FeatureStatistics, frechetDistance } from '../dist/index.js';

const [rowsA, rowsB, dim] = [10000, 2000, 2048].map((fallback, i) => Number(process.argv[2 + i] ?? fallback));
const CHUNK = 500;
const LATENT = 64;

function makeSource(seed, correlated) {
  const random = new SeededRandom(seed);
  const w = Float64Array.from({ length: dim * LATENT }, () => random.normal() / Math.sqrt(LATENT));
  return (rows) => {
    const out = new Float32Array(rows * dim);
    const z = new Float64Array(LATENT);
    for (let r = 0; r < rows; r++) {
      for (let l = 0; l < LATENT; l++) z[l] = random.normal();
      for (let i = 0; i < dim; i++) {
        let s = 0;
        if (correlated) for (let l = 0; l < LATENT; l++) s += w[i * LATENT + l] * z[l];
        out[r * dim + i] = (correlated ? Math.max(0, s) + 0.05 * random.normal() : random.normal());
      }
    }
    return out;
  };
}

function statistics(source, rows) {
  const stats = new FeatureStatistics(dim);
  let seconds = 0;
  for (let done = 0; done < rows; done += CHUNK) {
    const chunk = source(Math.min(CHUNK, rows - done));
    const start = performance.now();
    stats.add(chunk);
    seconds += (performance.now() - start) / 1000;
  }
  return { gaussian: stats.toGaussian(), seconds };
}

for (const [name, correlated] of [['correlated', true], ['white', false]]) {
  const a = statistics(makeSource(1, correlated), rowsA);
  const b = statistics(makeSource(2, correlated), rowsB);
  const start = performance.now();
  const distance = frechetDistance(a.gaussian, b.gaussian);
  const frechetSeconds = (performance.now() - start) / 1000;
  console.log(
    `${name} dim ${dim}: add ${rowsA} rows ${a.seconds.toFixed(1)} s, add ${rowsB} rows ${b.seconds.toFixed(1)} s, ` +
      `frechetDistance ${frechetSeconds.toFixed(1)} s (FID ${distance.toPrecision(10)})`,
  );
}
