import { Presets, SingleBar } from 'cli-progress';

/** Progress over a known number of tasks. */
export interface Progress {
  /** Marks one task done; `next` names the task that starts now (shown beside the count). */
  tick(next?: string): void;
  stop(): void;
}

export type ProgressStream = NodeJS.WritableStream & { isTTY?: boolean };

/** Plain lines for logs and pipes: "label 12/40 (30%) 3.1 s · task", at most one per `everyMs`, and the last one. */
function lineProgress(label: string, total: number, first: string, stream: ProgressStream, everyMs: number): Progress {
  const start = performance.now();
  let done = 0;
  let task = first;
  let lastLine = Number.NEGATIVE_INFINITY;
  const print = () => {
    lastLine = performance.now();
    const seconds = ((lastLine - start) / 1000).toFixed(1);
    stream.write(`${label} ${done}/${total} (${Math.round((100 * done) / total)}%) ${seconds} s${task ? ` · ${task}` : ''}\n`);
  };
  print();
  return {
    tick: (next = '') => {
      done += 1;
      task = next;
      if (performance.now() - lastLine >= everyMs) print();
    },
    stop: () => {
      task = 'done';
      print();
    },
  };
}

/**
 * Progress on `stream` (stderr by default, so stdout stays clean for tables): a cli-progress bar
 * redrawn in place on a terminal; elsewhere (CI logs, pipes) a plain line at most every `lineEveryMs`.
 * Both update synchronously, so they move during long synchronous solves.
 */
export function startProgress(
  label: string,
  total: number,
  first: string,
  stream: ProgressStream = process.stderr,
  lineEveryMs = 2000,
): Progress {
  if (!stream.isTTY) return lineProgress(label, total, first, stream, lineEveryMs);
  const bar = new SingleBar(
    { format: `${label} [{bar}] {value}/{total} {percentage}% | {duration}s | {task}`, stream, hideCursor: true, barsize: 24 },
    Presets.shades_classic,
  );
  bar.start(total, 0, { task: first });
  return {
    tick: (next = '') => bar.increment(1, { task: next }),
    stop: () => bar.stop(),
  };
}

/** Runs `work` with a tick that advances `progress` (naming the task that starts), then stops it (once a promise `work` returns has settled). */
export function withProgress<T>(progress: Progress, work: (tick: (next: string) => void) => T): T {
  const result = work((next) => progress.tick(next));
  if (result instanceof Promise) return result.finally(() => progress.stop()) as T;
  progress.stop();
  return result;
}
