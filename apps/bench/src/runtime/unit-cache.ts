import { mkdir, readFile, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomic } from '@tfode/ncode/node';

/**
 * The finished units of a run (one trained model each, as plain data), so that `--resume` after a kill
 * skips them: `run(key, compute)` returns the stored result of `key` when resuming, and otherwise
 * computes it and stores it before returning.
 */
export interface UnitCache {
  /**
   * The unit's result as JSON gives it back (the same whether computed now or read back, so a resumed run
   * equals an uninterrupted one). A unit read back ticks `progress` its `steps` times at once, labelled
   * "<key> read back", as computing it would have.
   */
  run<T>(key: string, compute: () => T | Promise<T>, progress?: UnitProgress): Promise<T>;
}

/** How many progress ticks a unit's computation makes, and the tick. */
export interface UnitProgress {
  steps: number;
  tick: (label: string) => void;
}

const roundTrip = <T>(value: T): T => JSON.parse(JSON.stringify(value, encode), decode) as T;

/** No storage: every unit is computed (tests), its result passed through JSON as a stored one would be. */
export const computeEveryUnit: UnitCache = { run: async (_key, compute) => roundTrip(await compute()) };

/** The error of a checkpoint that another configuration wrote. */
export class UnitCacheMismatchError extends Error {
  override name = 'UnitCacheMismatchError';
}

interface Stored {
  fingerprint: string;
  units: Record<string, unknown>;
}

// JSON has no NaN or ±Infinity: they are stored as { "$float": "NaN" } and read back as numbers.
const encode = (_key: string, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? { $float: String(value) } : value);
const decode = (_key: string, value: unknown) =>
  value !== null && typeof value === 'object' && Object.keys(value).length === 1 && typeof (value as { $float?: unknown }).$float === 'string'
    ? Number((value as { $float: string }).$float)
    : value;

/**
 * A UnitCache in `file` (`<out>/checkpoint/units.json`) for the run `fingerprint` names (command,
 * variant, seed, flags). Not resuming, an old file is deleted first; resuming, a file of another
 * fingerprint is refused. The file is rewritten whole after each unit, atomically (writeFileAtomic).
 */
export async function unitCache(options: { file: string; resume: boolean; fingerprint: string }): Promise<UnitCache> {
  const { file, fingerprint } = options;
  let stored: Stored = { fingerprint, units: {} };
  const text = options.resume ? await readFile(file, 'utf8').catch(() => undefined) : undefined;
  if (!options.resume) await rm(file, { force: true });
  else if (text !== undefined) {
    const read = JSON.parse(text, decode) as Stored;
    if (read.fingerprint !== fingerprint) {
      throw new UnitCacheMismatchError(
        `the checkpoint ${file} was written by another run (${read.fingerprint}); run with the same options, or without --resume to start afresh (${fingerprint})`,
      );
    }
    stored = read;
  }
  return {
    async run<T>(key: string, compute: () => T | Promise<T>, progress?: UnitProgress): Promise<T> {
      if (Object.hasOwn(stored.units, key)) {
        for (let step = 0; step < (progress?.steps ?? 0); step++) progress!.tick(`${key} read back`);
        return roundTrip(stored.units[key] as T);
      }
      const value = roundTrip(await compute());
      stored.units[key] = value;
      await mkdir(dirname(file), { recursive: true });
      await writeFileAtomic(file, JSON.stringify(stored, encode));
      return roundTrip(value);
    },
  };
}
