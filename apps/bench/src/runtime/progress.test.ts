import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { startProgress, withProgress } from './progress';

/** A non-TTY stream that keeps what was written. */
function capture() {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

describe('startProgress off a terminal', () => {
  it('prints a plain line per update when the interval allows, and a final "done" line', () => {
    const { stream, text } = capture();
    const progress = startProgress('demo', 3, 'first task', stream, 0);
    progress.tick('second task');
    progress.tick('third task');
    progress.tick();
    progress.stop();
    const lines = text().trim().split('\n');
    expect(lines[0]).toMatch(/^demo 0\/3 \(0%\) \d+\.\d s · first task$/);
    expect(lines[1]).toMatch(/^demo 1\/3 \(33%\) .* · second task$/);
    expect(lines.at(-1)).toMatch(/^demo 3\/3 \(100%\) .* · done$/);
    expect(text()).not.toContain('\u001b'); // no cursor movement codes in logs
  });

  it('prints at most one line per interval between the first and the last', () => {
    const { stream, text } = capture();
    const progress = startProgress('solvers', 100, 'a', stream, 60_000);
    for (let i = 0; i < 100; i++) progress.tick('b');
    progress.stop();
    expect(text().trim().split('\n')).toHaveLength(2);
  });
});

describe('withProgress', () => {
  it('hands the work a tick that names the next task, stops the progress after it and returns its result', () => {
    const { stream, text } = capture();
    const result = withProgress(startProgress('run', 2, 'first', stream, 0), (tick) => {
      tick('second');
      tick('third');
      return 42;
    });
    expect(result).toBe(42);
    const lines = text().trim().split('\n');
    expect(lines.map((line) => line.replace(/ \d+\.\d s/, ''))).toEqual(['run 0/2 (0%) · first', 'run 1/2 (50%) · second', 'run 2/2 (100%) · third', 'run 2/2 (100%) · done']);
  });
});
