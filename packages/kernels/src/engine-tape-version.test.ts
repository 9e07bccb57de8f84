import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it, vi } from 'vitest';
import { isolatedVjp } from './engine-tape';
import { UnsupportedTfjsVersionError } from './tfjs-version';

// This file's tfjs-core reports another release; the engine is the real one.
vi.mock('@tensorflow/tfjs-core', async (importOriginal) => ({ ...(await importOriginal<typeof tf>()), version_core: '4.23.0' }));

describe('engine-tape on a tfjs-core release it was not written for', () => {
  it('refuses with UnsupportedTfjsVersionError naming the patch and the release to install', () => {
    const x = tf.scalar(1);
    expect(() => isolatedVjp(() => tf.square(x), [x], tf.scalar(1))).toThrow(UnsupportedTfjsVersionError);
    expect(() => isolatedVjp(() => tf.square(x), [x], tf.scalar(1))).toThrow(/runs 4\.23\.0: install @tensorflow\/tfjs-core@4\.22\.0: the engine-tape patch/);
    x.dispose();
  });
});
