import type { FidProgress } from '../fid';

/** One line: `label [########------------] 320/1000 images, 12.3 images/s`. */
export function formatProgress(progress: FidProgress, width = 24): string {
  const fraction = progress.total === 0 ? 1 : progress.done / progress.total;
  const filled = Math.round(fraction * width);
  const bar = '#'.repeat(filled) + '-'.repeat(width - filled);
  return `${progress.label} [${bar}] ${progress.done}/${progress.total} images, ${progress.imagesPerSecond.toFixed(1)} images/s`;
}

interface ProgressStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

/** A progress callback: redraws one line on a terminal, else prints every 10% and at the end. */
export function progressBar(stream: ProgressStream): (progress: FidProgress) => void {
  let lastTenth = -1;
  return (progress) => {
    const finished = progress.done === progress.total;
    if (stream.isTTY) {
      stream.write(`\r${formatProgress(progress)}${finished ? '\n' : ''}`);
      return;
    }
    const tenth = Math.floor((10 * progress.done) / Math.max(progress.total, 1));
    if (tenth !== lastTenth || finished) stream.write(`${formatProgress(progress)}\n`);
    lastTenth = finished ? -1 : tenth;
  };
}
