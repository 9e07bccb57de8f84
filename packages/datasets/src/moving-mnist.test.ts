import { beforeAll, describe, expect, it } from 'vitest';
import { createDataset, subset, type ArrayDataset } from './dataset';
import { InvalidArgumentError } from './errors';
import { loadMnistPackageDigits } from './node/mnist-package';
import { movingMnist } from './moving-mnist';

describe('movingMnist', () => {
  let digits: ArrayDataset;
  beforeAll(async () => {
    digits = subset(await loadMnistPackageDigits(), Array.from({ length: 50 }, (_, i) => i * 200));
  });

  it('keeps every digit wholly inside the frame: each frame holds all of its ink', async () => {
    const numFrames = 30;
    const data = movingMnist(digits, { numSequences: 20, numFrames, digitsPerSequence: 1, speed: 7, seed: 1 });
    expect(data.xShape).toEqual([numFrames, 64, 64, 1]);
    const frame = 64 * 64;
    for (let s = 0; s < 20; s++) {
      const label = data.digitLabels[s];
      expect(label).toBeGreaterThanOrEqual(0);
      const sums = Array.from({ length: numFrames }, (_, f) => data.x.subarray((s * numFrames + f) * frame, (s * numFrames + f + 1) * frame).reduce((a, b) => a + b, 0));
      expect(new Set(sums).size).toBe(1);
      for (let f = 0; f < numFrames; f++) {
        const [top, left] = data.y.subarray((s * numFrames + f) * 2, (s * numFrames + f) * 2 + 2);
        for (const corner of [top, left]) {
          expect(corner).toBeGreaterThanOrEqual(0);
          expect(corner).toBeLessThanOrEqual(64 - 28);
        }
      }
    }
  });

  it('moves each digit at most the asked speed per frame', async () => {
    const data = movingMnist(digits, { numSequences: 5, numFrames: 10, speed: 2, seed: 3 });
    expect(data.yShape).toEqual([10, 2, 2]);
    for (let s = 0; s < 5; s++) {
      for (let f = 1; f < 10; f++) {
        for (let d = 0; d < 2; d++) {
          const at = (k: number) => data.y.subarray(((s * 10 + k) * 2 + d) * 2, ((s * 10 + k) * 2 + d) * 2 + 2);
          const step = Math.hypot(at(f)[0] - at(f - 1)[0], at(f)[1] - at(f - 1)[1]);
          expect(step).toBeLessThanOrEqual(2 + Math.SQRT2); // 2 px plus rounding of both corners
        }
      }
    }
  });

  it('draws two digits as the pixel-wise maximum of each placed at its corner', () => {
    const data = movingMnist(digits, { numSequences: 3, numFrames: 4, speed: 5, seed: 4 });
    for (let s = 0; s < 3; s++) {
      for (let f = 0; f < 4; f++) {
        const expected = new Uint8Array(64 * 64);
        for (let d = 0; d < 2; d++) {
          const image = digits.x.subarray(data.digitIndices[s * 2 + d] * 784, (data.digitIndices[s * 2 + d] + 1) * 784);
          const [top, left] = data.y.subarray(((s * 4 + f) * 2 + d) * 2, ((s * 4 + f) * 2 + d) * 2 + 2);
          for (let r = 0; r < 28; r++) for (let c = 0; c < 28; c++) {
            const at = (top + r) * 64 + left + c;
            expected[at] = Math.max(expected[at], image[r * 28 + c]);
          }
        }
        expect(Buffer.from(data.x.subarray((s * 4 + f) * 4096, (s * 4 + f + 1) * 4096)).equals(Buffer.from(expected))).toBe(true);
      }
    }
  });

  it('rejects colour images', () => {
    const rgb = createDataset({ x: new Uint8Array(28 * 28 * 3), xShape: [28, 28, 3], y: new Float32Array(0), yShape: [0] });
    expect(() => movingMnist(rgb, { numSequences: 1 })).toThrow(InvalidArgumentError);
  });
});
