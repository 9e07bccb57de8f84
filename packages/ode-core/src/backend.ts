import * as tf from '@tensorflow/tfjs-core';
import { installFastKernels } from '@tfode/kernels';

export type BackendName = 'tensorflow' | 'wasm' | 'cpu';

const candidates: Record<BackendName, { modules: string[] }> = {
  // tfjs-node-gpu first (CUDA), then the CPU build of libtensorflow.
  tensorflow: { modules: ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'] },
  wasm: { modules: ['@tensorflow/tfjs-backend-wasm'] },
  cpu: { modules: ['@tensorflow/tfjs-backend-cpu'] },
};

export class BackendUnavailableError extends Error {
  override name = 'BackendUnavailableError';
}

async function tryBackend(name: BackendName): Promise<string | null> {
  const reasons: string[] = [];
  for (const module of candidates[name].modules) {
    try {
      await import(module);
      if (await tf.setBackend(name)) {
        await tf.ready();
        if (name === 'wasm') await installFastKernels();
        return null;
      }
      reasons.push(`${module} loaded but tf.setBackend('${name}') failed`);
    } catch (error) {
      reasons.push(`${module}: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  return reasons.join('; ');
}

/**
 * Picks the fastest backend that loads: tensorflow (tfjs-node-gpu, then tfjs-node) → wasm → cpu.
 * `TFODE_BACKEND` (or `options.backend`) forces one; if it cannot load, this throws and says why,
 * rather than silently running somewhere slower. Returns the backend's name. On wasm it also installs
 * @tfode/kernels' fast kernels (installFastKernels: SIMD tanh, fused dense layers, a matMul gradient
 * without transpose flags, a buffer-sharing Identity).
 */
export async function useBestBackend(options: { backend?: BackendName } = {}): Promise<BackendName> {
  const forced = options.backend ?? (process.env.TFODE_BACKEND as BackendName | undefined);
  if (forced) {
    if (!(forced in candidates)) {
      throw new BackendUnavailableError(`unknown backend "${forced}": use tensorflow, wasm or cpu`);
    }
    const failure = await tryBackend(forced);
    if (failure !== null) {
      const hint =
        forced === 'tensorflow'
          ? ' Install @tensorflow/tfjs-node-gpu or @tensorflow/tfjs-node (both download a native library at install).'
          : '';
      throw new BackendUnavailableError(`backend "${forced}" cannot load: ${failure}.${hint}`);
    }
    return forced;
  }
  for (const name of ['tensorflow', 'wasm', 'cpu'] as const) {
    if ((await tryBackend(name)) === null) return name;
  }
  throw new BackendUnavailableError('no tfjs backend could load (tried tensorflow, wasm, cpu)');
}
