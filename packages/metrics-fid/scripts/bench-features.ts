// Feature-extraction throughput of the FID Inception-V3: `npx tsx scripts/bench-features.ts [backend] [batch] [batches]`
// (defaults: wasm, 16, 3). Seeded random weights cost exactly what the real ones do.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { FidInceptionV3 } from '../src/index';

const [backend = 'wasm', batchText = '16', batchesText = '3'] = process.argv.slice(2);
const batchSize = Number(batchText);
const batches = Number(batchesText);
if (!(await tf.setBackend(backend))) throw new Error(`backend ${backend} failed to load`);
await tf.ready();
const network = FidInceptionV3.random(1);
const images = tf.randomUniform([batchSize, 299, 299, 3], 0, 1, 'float32', 7) as tf.Tensor4D;
const run = async () => {
  const features = network.features(images);
  await features.data();
  features.dispose();
};
await run(); // warm-up: kernel set-up and memory pools
const start = performance.now();
for (let i = 0; i < batches; i++) await run();
const seconds = (performance.now() - start) / 1000;
console.log(JSON.stringify({
  backend, batchSize, batches, imagesPerSecond: (batchSize * batches) / seconds, secondsPerBatch: seconds / batches,
}));
images.dispose();
network.dispose();
