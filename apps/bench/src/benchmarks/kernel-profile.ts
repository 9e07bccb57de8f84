import * as tf from '@tensorflow/tfjs-core';

/** One kernel's share of a profiled run. */
export interface KernelProfileRow {
  kernel: string;
  calls: number;
  totalUs: number;
  /** Of the run's wall time, in %. */
  share: number;
}

export interface KernelProfile {
  wallMs: number;
  /** The wall time no kernel accounts for: the engine (tensor bookkeeping, tape, scopes), the solver and JS glue. */
  outsideKernelsMs: number;
  kernelCalls: number;
  rows: KernelProfileRow[];
}

/**
 * Times every kernel call of the active backend while `run` runs: each kernel registered for the backend
 * is wrapped in a timer for the duration and restored after, also when `run` throws. A kernel that calls
 * another kernel's function (a fused kernel running the backend's matMul) is charged its own time only,
 * the inner kernel the rest, so the rows add up to the time spent in kernels. Sorted by total time.
 */
export function profileKernels(run: () => void): KernelProfile {
  const backendName = tf.getBackend();
  const originals = tf.getKernelsForBackend(backendName);
  const totals = new Map<string, { calls: number; us: number }>();
  // Per open kernel call, the time its inner kernel calls took.
  const inner: number[] = [];
  for (const config of originals) {
    const total = { calls: 0, us: 0 };
    totals.set(config.kernelName, total);
    tf.unregisterKernel(config.kernelName, backendName);
    tf.registerKernel({
      kernelName: config.kernelName,
      backendName,
      kernelFunc: (args) => {
        const start = performance.now();
        inner.push(0);
        try {
          return config.kernelFunc(args);
        } finally {
          const us = (performance.now() - start) * 1000;
          total.us += us - inner.pop()!;
          total.calls++;
          if (inner.length > 0) inner[inner.length - 1] += us;
        }
      },
    });
  }
  const start = performance.now();
  try {
    run();
  } finally {
    for (const config of originals) {
      tf.unregisterKernel(config.kernelName, backendName);
      // The setup already ran when the backend started; registering it again would run it twice.
      tf.registerKernel({ ...config, setupFunc: undefined });
    }
  }
  const wallMs = performance.now() - start;
  const rows = [...totals]
    .filter(([, total]) => total.calls > 0)
    .map(([kernel, total]) => ({ kernel, calls: total.calls, totalUs: total.us, share: (100 * total.us) / (wallMs * 1000) }))
    .sort((a, b) => b.totalUs - a.totalUs);
  const kernelMs = rows.reduce((sum, row) => sum + row.totalUs, 0) / 1000;
  return { wallMs, outsideKernelsMs: wallMs - kernelMs, kernelCalls: rows.reduce((sum, row) => sum + row.calls, 0), rows };
}
