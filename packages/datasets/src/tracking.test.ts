import { describe, expect, it } from 'vitest';
import { trackingTask } from './tracking';

describe('trackingTask', () => {
  it('samples β(s) = (sin 2πs, cos 2πs) on [0, 1] by default', () => {
    const task = trackingTask({ numTimes: 11 });
    expect(task.dim).toBe(2);
    task.s.forEach((s, k) => {
      expect(s).toBeCloseTo(k / 10, 12);
      expect(task.reference[2 * k]).toBeCloseTo(Math.sin(2 * Math.PI * s), 6);
      expect(task.reference[2 * k + 1]).toBeCloseTo(Math.cos(2 * Math.PI * s), 6);
    });
  });

  it('evaluates custom components between grid points and is periodic', () => {
    const task = trackingTask({ components: [{ amplitude: 2, frequency: 3, phase: 0.5 }] });
    expect(task.referenceAt(0.123)[0]).toBeCloseTo(2 * Math.sin(6 * Math.PI * 0.123 + 0.5), 12);
    expect(task.referenceAt(0.2)[0]).toBeCloseTo(task.referenceAt(0.2 + 1 / 3)[0], 12);
  });

  it('scatters initial states around β(0) with the asked spread', () => {
    const task = trackingTask({ numInitialStates: 4000, initialSpread: 0.5, seed: 2 });
    const xs = task.initialStates.filter((_, i) => i % 2 === 0);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, v) => a + (v - mean) ** 2, 0) / xs.length);
    expect(Math.abs(mean - 0)).toBeLessThan(5 * 0.5 / Math.sqrt(4000));
    expect(Math.abs(sd - 0.5)).toBeLessThan(0.03);
  });
});
