// Bundled for the browser by bundle.browser.test.ts: the packages' main entries at work in a page.
// The results go to window.results for the test to compare with exact answers.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tfode/ode-core/register-gradients';
import { odeint, useBestBackend } from '@tfode/ode-core';
import { odeintAdjoint } from '@tfode/adjoint';
import { nanodeODE } from '@tfode/ncode';
import { fourier } from '@tfode/nanode-bases';
import { concentricAnnuli } from '@tfode/datasets';
import { frechetDistance } from '@tfode/metrics-fid';

async function run() {
  // The page's own choice: no GPU backend imported here, so webgpu and webgl are passed over for wasm,
  // whose binaries the test serves beside this script; @tfode/kernels' fast kernels (SIMD tanh) with it.
  const automatic = await useBestBackend({ wasmPaths: './' });
  // y' = −tanh(y) from 1 on wasm: sinh(y(t)) = sinh(1)·e^−t.
  const onWasm = odeint((_t, y: tf.Tensor) => tf.neg(tf.tanh(y)), tf.tensor2d([[1]]), [0, 1], { rtol: 1e-6, atol: 1e-8 });
  const tanhSolved = (await tf.slice(onWasm.ys, [1, 0, 0], [1, 1, 1]).data())[0];

  await tf.setBackend('cpu');
  // y' = −y, y(0) = 1: y(1) = e^−1.
  const decay = odeint((_t, y: tf.Tensor) => tf.neg(y), tf.tensor2d([[1]]), [0, 1], { method: 'dopri5', rtol: 1e-7, atol: 1e-9 });
  const solved = (await tf.slice(decay.ys, [1, 0, 0], [1, 1, 1]).data())[0];

  // y' = a·y from y(0) = (1, 2): L = Σ y(1) = 3·e^a, dL/da = 3·e^a, by the adjoint.
  const a = tf.variable(tf.scalar(0.5));
  const y0 = tf.tensor2d([[1], [2]]);
  const { value, grads } = tf.variableGrads(() => {
    const sol = odeintAdjoint((_t, y: tf.Tensor) => tf.mul(a, y), y0, [0, 1], [a], { gradient: 'adjoint', rtol: 1e-7, atol: 1e-9 });
    return tf.sum(tf.slice(sol.ys, [1, 0, 0], [1, 2, 1])) as tf.Scalar;
  }, [a]);
  const gradient = (await grads[a.name].data())[0];

  // A Galërkin NODE (ncode + nanode-bases) on annuli points (datasets): one logit per point.
  const data = concentricAnnuli({ numPoints: 16, seed: 3 });
  const model = nanodeODE({ dims: 2, hidden: [8], basis: fourier(3), outputs: 1, seed: 1, solver: { method: 'rk4', stepSize: 0.25 } });
  const logits = model.predict(tf.tensor2d(data.x as Float32Array, [data.size, 2]));

  // Fréchet distance of N(μ₁, diag σ₁²) and N(μ₂, diag σ₂²).
  const diagonal = (values: number[]) => Float64Array.from({ length: values.length ** 2 }, (_, i) => (i % (values.length + 1) === 0 ? values[i / (values.length + 1)] : 0));
  const first = { mean: [0, 1, -1], variance: [1, 4, 0.25] };
  const second = { mean: [1, 1, 2], variance: [2, 1, 0.5] };
  const frechet = frechetDistance(
    { dim: 3, mean: Float64Array.from(first.mean), covariance: diagonal(first.variance) },
    { dim: 3, mean: Float64Array.from(second.mean), covariance: diagonal(second.variance) },
  );

  return {
    automatic, tanhSolved,
    backend: tf.getBackend(),
    solved, value: (await value.data())[0], gradient,
    logitsShape: logits.shape, logits: Array.from(await logits.data()),
    frechet, first, second,
  };
}

const page = window as unknown as { results?: unknown; failure?: string };
run().then(
  (results) => (page.results = results),
  (error: Error) => (page.failure = `${error.name}: ${error.message}`),
);
