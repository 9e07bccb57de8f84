import * as tf from '@tensorflow/tfjs-core';
import { afterEach, describe, expect, it } from 'vitest';
import { BackendUnavailableError, useBestBackend } from './backend';

describe('useBestBackend', () => {
  const original = tf.getBackend();
  const env = process.env.TFODE_BACKEND;
  afterEach(async () => {
    if (env === undefined) delete process.env.TFODE_BACKEND;
    else process.env.TFODE_BACKEND = env;
    await tf.setBackend(original);
  });

  it('honours TFODE_BACKEND and reports the backend it chose', async () => {
    process.env.TFODE_BACKEND = 'cpu';
    expect(await useBestBackend()).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
  });

  it('without an override, falls through tensorflow (not installed here) to wasm', async () => {
    delete process.env.TFODE_BACKEND;
    const chosen = await useBestBackend();
    expect(chosen).toBe(tf.getBackend());
    expect(['tensorflow', 'wasm']).toContain(chosen);
  });

  it('an asked-for backend that cannot load is an error that says what to install', async () => {
    let tensorflowInstalled = true;
    try {
      await import('@tensorflow/tfjs-node' as string);
    } catch {
      tensorflowInstalled = false;
    }
    if (tensorflowInstalled) return; // nothing to fail on a machine that has it
    await expect(useBestBackend({ backend: 'tensorflow' })).rejects.toThrow(BackendUnavailableError);
    await expect(useBestBackend({ backend: 'tensorflow' })).rejects.toThrow(/Install @tensorflow\/tfjs-node-gpu/);
  });

  it('an unknown backend name is rejected', async () => {
    await expect(useBestBackend({ backend: 'webgpu' as never })).rejects.toThrow(/unknown backend "webgpu"/);
  });
});
