import * as tf from '@tensorflow/tfjs-core';
import { InvalidArgumentError } from '@tfode/ode-core';
import { SeededRandom } from '@tfode/seeded-random';
import { describe, expect, it } from 'vitest';
import { ControlHeads } from './control-heads';
import { openLoopNCODE } from './open-loop-ncode';

const rms = (v: ArrayLike<number>) => Math.sqrt(Array.from(v).reduce((s, x) => s + x * x, 0) / v.length);

describe("ControlHeads' start at the fixed-weight layers' scale (layerFanIns)", () => {
  // Two controlled layers of fan-in 50 → 40 and 90 → 30: blocks of 50·40 + 40 and 90·30 + 30 values.
  const fanIns = [50, 90];
  const blocks = [50 * 40 + 40, 90 * 30 + 30];

  it('θ of a zero input is a LeCun draw of each layer: kernel std 1/√fanIn, biases 0', () => {
    const heads = new ControlHeads(8, blocks, { seed: 3, hidden: [], layerFanIns: fanIns });
    const theta = tf.tidy(() => heads.apply(tf.zeros([1, 8])).dataSync());
    let start = 0;
    for (const [i, size] of blocks.entries()) {
      const outputs = size / (fanIns[i] + 1);
      const kernel = theta.slice(start, start + fanIns[i] * outputs);
      const bias = theta.slice(start + fanIns[i] * outputs, start + size);
      // 2000+ draws: the sample std is within 5 % of 1/√fanIn (its relative s.e. is ≈ 1.6 %).
      expect(rms(kernel) * Math.sqrt(fanIns[i])).toBeCloseTo(1, 1);
      expect(Array.from(bias)).toEqual(new Array(outputs).fill(0));
      start += size;
    }
    heads.dispose();
  });

  it("the input-dependent part of θ has std 1/√fanIn times the input's RMS", () => {
    const heads = new ControlHeads(64, blocks, { seed: 4, hidden: [], layerFanIns: fanIns });
    const input = tf.tensor2d(new SeededRandom(9).normals(4 * 64, 0.5), [4, 64]);
    const inputRms = rms(input.dataSync());
    const varying = tf.tidy(() => tf.sub(heads.apply(input), heads.apply(tf.zerosLike(input))).dataSync());
    // The first block's kernel entries of all 4 samples: 8000 values.
    const first = Array.from({ length: 4 }, (_, b) => Array.from(varying.slice(b * (blocks[0] + blocks[1]), b * (blocks[0] + blocks[1]) + 50 * 40))).flat();
    expect(rms(first) / (inputRms / Math.sqrt(fanIns[0]))).toBeCloseTo(1, 1);
    input.dispose();
    heads.dispose();
  });

  it('layerFanIns that do not fit the blocks are an error', () => {
    expect(() => new ControlHeads(8, blocks, { seed: 3, layerFanIns: [50] })).toThrow(InvalidArgumentError);
    expect(() => new ControlHeads(8, blocks, { seed: 3, layerFanIns: [49, 90] })).toThrow(/do not fit/);
  });
});

describe("openLoopNCODE's gammaInit", () => {
  const options = { dims: 1, image: { filters: 6, height: 5, width: 5, augment: 2 }, seed: 2 } as const;

  it("'layer-scale': each head's bias is its conv's LeCun draw (the 3×3 of fan-in 9·k), 'lecun' zero", () => {
    const scaled = openLoopNCODE({ ...options, gammaInit: 'layer-scale' });
    const plain = openLoopNCODE(options);
    const bias = (model: typeof plain, name: string) => Array.from(new Map(model.namedVariables()).get(name)!.dataSync());
    const inner = bias(scaled, 'gamma/head1/bias0').slice(0, 9 * 6 * 6);
    expect(rms(inner) * Math.sqrt(9 * 6)).toBeGreaterThan(0.8);
    expect(rms(inner) * Math.sqrt(9 * 6)).toBeLessThan(1.2);
    expect(bias(plain, 'gamma/head1/bias0').every((v) => v === 0)).toBe(true);
    scaled.dispose();
    plain.dispose();
  });

  it('an unknown gammaInit is an error naming the choices', () => {
    expect(() => openLoopNCODE({ ...options, gammaInit: 'he' as never })).toThrow(/lecun.*layer-scale/);
  });
});
