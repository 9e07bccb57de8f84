import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { buildModel, modelKeys, type ModelKey } from './models';
import { snapshot } from './snapshot';
import { makeTask, taskKeys, type TaskKey } from './tasks';
import { train, type StepRecord } from './trainer';

async function run(task: TaskKey, model: ModelKey, seed: number, steps: number) {
  const data = makeTask(task, seed);
  const learner = buildModel(task, model, seed);
  const records: StepRecord[] = [];
  for await (const record of train(learner, data, steps)) records.push(record);
  const picture = snapshot(learner, data);
  learner.model.dispose();
  data.dispose();
  return { records, picture };
}

describe('one run of the lab (cpu, in Node)', () => {
  for (const task of taskKeys) {
    it(`trains each model on the ${task}, draws from plain arrays and leaves no tensor behind`, async () => {
      const before = tf.memory().numTensors;
      for (const model of modelKeys) {
        const { records, picture } = await run(task, model, 1, 3);
        expect(records.map((r) => r.step)).toEqual([0, 1, 2]);
        expect(records.every((r) => Number.isFinite(r.loss) && r.nfe > 0)).toBe(true);
        expect(records.every((r) => (task === 'annuli' ? r.accuracy! >= 0 && r.accuracy! <= 1 : r.accuracy === null))).toBe(true);
        // Flows: 21 times × the sampled inputs; the answer: a 40 × 40 grid of probabilities, or 61 points of the map.
        expect(picture.flows).toHaveLength(21);
        expect(picture.flows[0]).toHaveLength(task === 'annuli' ? 48 : 11);
        const values = Array.from(picture.answer.values);
        expect(values).toHaveLength(task === 'annuli' ? 1600 : 61);
        expect(values.every((v) => (task === 'annuli' ? v >= 0 && v <= 1 : Number.isFinite(v)))).toBe(true);
      }
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('gives the same losses for the same seed and others for another', async () => {
    const losses = async (seed: number) => (await run('reflection', 'ncode-closed', seed, 4)).records.map((r) => r.loss);
    const once = await losses(2);
    expect(await losses(2)).toEqual(once);
    expect(await losses(3)).not.toEqual(once);
  });

  it('stops cleanly when the loop is left early', async () => {
    const before = tf.memory().numTensors;
    const data = makeTask('reflection', 1);
    const learner = buildModel('reflection', 'node', 1);
    let seen = 0;
    for await (const record of train(learner, data, 100)) {
      seen = record.step + 1;
      if (seen === 2) break;
    }
    learner.model.dispose();
    data.dispose();
    expect(seen).toBe(2);
    expect(tf.memory().numTensors).toBe(before);
  });
});
