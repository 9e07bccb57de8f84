import * as tf from '@tensorflow/tfjs-core';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AutoNCODE } from './auto-ncode';
import { WeightFileError } from './errors';
import { neuralODE } from './neural-ode';
import { cases } from './test-models';
import { loadWeights, saveWeights } from './node/weight-files';
import { deserializeWeights, serializeWeights } from './weights-io';

const solver = { method: 'rk4' as const, stepSize: 0.25, gradient: 'backprop' as const };

function outputs(model: ReturnType<(typeof cases)[number][1]>, input: tf.Tensor): Float32Array {
  if (model instanceof AutoNCODE) model.reseed(3);
  return tf.tidy(() => model.predict(input).dataSync() as Float32Array);
}

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ncode-weights-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('weight files', () => {
  it.each(cases)('%s: saved and loaded weights give identical outputs', async (name, build, makeInput) => {
    const source = build(solver);
    const input = makeInput();
    const trained = tf.train.adam(0.05); // move the weights off their initial values first
    tf.dispose(trained.minimize(() => tf.mean(tf.square(source.predict(input))) as tf.Scalar, true, source.variables) ?? []);
    trained.dispose();
    const prefix = join(dir, name.replace(/\W+/g, '-'));
    await saveWeights(source, prefix);
    const target = build(solver);
    expect(outputs(target, input)).not.toEqual(outputs(source, input));
    await loadWeights(target, prefix);
    expect(outputs(target, input)).toEqual(outputs(source, input));
    tf.dispose(input);
    source.dispose();
    target.dispose();
  });

  describe('malformed files give clear errors and leave the model unchanged', () => {
    const model = () => neuralODE({ dims: 2, hidden: [3], seed: 1, solver });
    const good = () => {
      const m = model();
      const out = serializeWeights(m);
      m.dispose();
      return out;
    };

    /** `data` with the float32 value number `index` (after the magic) set to `value`. */
    const withValue = (data: Uint8Array, index: number, value: number) => {
      const copy = data.slice();
      new DataView(copy.buffer).setFloat32(4 + 4 * index, value, true);
      return copy;
    };

    it.each([
      ['wrong magic', (w: ReturnType<typeof good>) => ({ ...w, data: Uint8Array.from([0, ...w.data.slice(1)]) }), /magic/],
      ['truncated data', (w: ReturnType<typeof good>) => ({ ...w, data: w.data.slice(0, -4) }), /bytes; the manifest needs/],
      ['wrong name', (w: ReturnType<typeof good>) => ({ ...w, manifest: { ...w.manifest, entries: w.manifest.entries.map((e, i) => (i === 0 ? { ...e, name: 'field/oops' } : e)) } }), /missing \[field\/kernel0\], unexpected \[field\/oops\]/],
      ['wrong shape', (w: ReturnType<typeof good>) => ({ ...w, manifest: { ...w.manifest, entries: w.manifest.entries.map((e, i) => (i === 0 ? { ...e, shape: [3, 2] } : e)) } }), /shape \[3,2\] in the file but \[2,3\]/],
      ['not a manifest', (w: ReturnType<typeof good>) => ({ ...w, manifest: { entries: [] } as never }), /not a tfode-ncode-weights/],
      ['a NaN value', (w: ReturnType<typeof good>) => ({ ...w, data: withValue(w.data, 1, NaN) }), /"field\/kernel0" holds NaN at index 1/],
      ['an infinite value', (w: ReturnType<typeof good>) => ({ ...w, data: withValue(w.data, 6, -Infinity) }), /"field\/bias0" holds -Infinity at index 0/],
    ])('%s', (_what, corrupt, message) => {
      const { manifest, data } = corrupt(good());
      const m = model();
      const before = m.variables.map((v) => v.dataSync().slice());
      expect(() => deserializeWeights(m, manifest, data)).toThrow(WeightFileError);
      expect(() => deserializeWeights(m, manifest, data)).toThrow(message);
      m.variables.forEach((v, i) => expect(v.dataSync()).toEqual(before[i]));
      m.dispose();
    });

    it('non-finite values load only with allowNonFinite, from a file as from memory', async () => {
      const m = model();
      m.variables[0].assign(tf.fill(m.variables[0].shape, Infinity));
      await saveWeights(m, join(dir, 'diverged'));
      const target = model();
      const before = target.variables.map((v) => v.dataSync().slice());
      await expect(loadWeights(target, join(dir, 'diverged'))).rejects.toThrow(WeightFileError);
      await expect(loadWeights(target, join(dir, 'diverged'))).rejects.toThrow(/holds Infinity at index 0.*allowNonFinite/);
      target.variables.forEach((v, i) => expect(v.dataSync()).toEqual(before[i]));
      await loadWeights(target, join(dir, 'diverged'), { allowNonFinite: true });
      target.variables.forEach((v, i) => expect(v.dataSync()).toEqual(m.variables[i].dataSync()));
      m.dispose();
      target.dispose();
    });

    it('missing files and invalid JSON', async () => {
      const m = model();
      await expect(loadWeights(m, join(dir, 'absent'))).rejects.toThrow(/cannot read .*absent\.json/);
      const { dataPath } = await saveWeights(m, join(dir, 'broken'));
      await writeFile(join(dir, 'broken.json'), '{ not json');
      await expect(loadWeights(m, join(dir, 'broken'))).rejects.toThrow(/broken\.json is not valid JSON/);
      expect((await readFile(dataPath)).length).toBe(4 + 4 * m.parameterCount);
      m.dispose();
    });
  });
});
