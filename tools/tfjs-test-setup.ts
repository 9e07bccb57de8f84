// One place where tests load the tfjs engine: gradients registered, backends available, and the
// backend chosen by TFODE_BACKEND (default 'cpu': exact float32 kernels and no wasm start-up).
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';

// Silences tfjs's console tips ("install tfjs-node…") so test logs show only what matters.
tf.env().set('IS_TEST', true);

const backend = process.env.TFODE_BACKEND ?? 'cpu';
if (!(await tf.setBackend(backend))) throw new Error(`test setup: backend "${backend}" failed to load`);
await tf.ready();
