import { describe, expect, it } from 'vitest';
import { classCounts, concatDatasets, createDataset, subset } from './dataset';
import { InvalidArgumentError } from './errors';
import { trainTestSplit } from './split';

const data = createDataset({ x: Float32Array.from({ length: 20 }, (_, i) => i), xShape: [2], y: Int32Array.from({ length: 10 }, (_, i) => i % 3), numClasses: 3 });

describe('ArrayDataset helpers', () => {
  it('checks that x, y and the labels agree', () => {
    expect(data.size).toBe(10);
    expect(() => createDataset({ x: new Float32Array(5), xShape: [2], y: new Int32Array(2), numClasses: 2 })).toThrow(InvalidArgumentError);
    expect(() => createDataset({ x: new Float32Array(4), xShape: [2], y: new Int32Array(3), numClasses: 2 })).toThrow('x holds 2 examples but y has 3 values');
    expect(() => createDataset({ x: new Float32Array(4), xShape: [2], y: Int32Array.from([0, 5]), numClasses: 2 })).toThrow('label 5 of example 1 is outside 0…1');
  });

  it('selects, concatenates and counts', () => {
    const picked = subset(data, [4, 1]);
    expect(Array.from(picked.x)).toEqual([8, 9, 2, 3]);
    expect(Array.from(picked.y)).toEqual([1, 1]);
    const both = concatDatasets([picked, data]);
    expect(both.size).toBe(12);
    expect(classCounts(both)).toEqual([4, 5, 3]);
  });

  it('splits into disjoint parts covering every example, reproducibly', () => {
    const { train, test } = trainTestSplit(data, { test: 0.3, seed: 1 });
    expect([train.size, test.size]).toEqual([7, 3]);
    const firsts = [...train.x.filter((_, i) => i % 2 === 0), ...test.x.filter((_, i) => i % 2 === 0)].sort((a, b) => a - b);
    expect(firsts).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18]);
    expect(trainTestSplit(data, { test: 0.3, seed: 1 }).test.x).toEqual(test.x);
    expect(() => trainTestSplit(data, { test: 11, seed: 0 })).toThrow(InvalidArgumentError);
  });
});
