// One place where tests load the tfjs engine: gradients registered, backends available, and the
// backend chosen by TFODE_BACKEND (default 'cpu': exact float32 kernels and no wasm start-up).
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
import { installFastKernels } from '@tfode/kernels';

const backend = process.env.TFODE_BACKEND ?? 'cpu';
// Silences tfjs's console tip ("install tfjs-node…") and turns on its per-kernel leak check, on every
// backend: on wasm, @tfode/kernels' buffer-sharing Identity removed the copy per saved tensor that the
// check used to count as a leak.
tf.env().set('IS_TEST', true);
if (!(await tf.setBackend(backend))) throw new Error(`test setup: backend "${backend}" failed to load`);
await tf.ready();
// On wasm, tests run with @tfode/kernels' fast kernels on, as useBestBackend installs them for users.
if (backend === 'wasm') await installFastKernels();
