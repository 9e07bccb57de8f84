import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './cli';
import { formatProgress, progressBar } from './progress-bar';

function capture() {
  const text = { out: '', err: '' };
  return { text, io: { out: { write: (s: string) => (text.out += s) }, err: { write: (s: string) => (text.err += s) } } };
}

const fixture = join(__dirname, '..', '..', 'fixtures', 'stats-pytorch-fid.npz');

describe('tfode-fid CLI', () => {
  it('scores two statistics files', async () => {
    const { text, io } = capture();
    expect(await runCli([fixture, fixture, '--json'], io)).toBe(0);
    expect(JSON.parse(text.out)).toEqual({ fid: expect.any(Number) });
    expect(Math.abs(JSON.parse(text.out).fid)).toBeLessThan(1e-12);
  });

  it('explains usage and missing weights with exit codes', async () => {
    const a = capture();
    expect(await runCli(['only-one'], a.io)).toBe(2);
    expect(a.text.err).toMatch(/usage:/);
    const b = capture();
    expect(await runCli(['stats', 'folder', 'out.npz'], b.io)).toBe(1);
    expect(b.text.err).toMatch(/stats needs --weights <path to pt_inception-2015-12-05-6726825d.pth>/);
    const c = capture();
    expect(await runCli(['--bogus'], c.io)).toBe(2);
  });
});

describe('progress bar', () => {
  it('draws the fraction done and the throughput', () => {
    expect(formatProgress({ label: 'gen', done: 5, total: 20, imagesPerSecond: 3.14159 }, 8)).toBe('gen [##------] 5/20 images, 3.1 images/s');
  });

  it('prints every 10% and the end when not on a terminal', () => {
    const lines: string[] = [];
    const report = progressBar({ write: (s: string) => lines.push(s) });
    for (let done = 1; done <= 20; done++) report({ label: 'x', done, total: 20, imagesPerSecond: 1 });
    // The first report, then each time a new tenth is reached: 5%, 10%, 20%, …, 100%.
    expect(lines.map((l) => Number(/ (\d+)\/20/.exec(l)![1]))).toEqual([1, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20]);
  });
});
