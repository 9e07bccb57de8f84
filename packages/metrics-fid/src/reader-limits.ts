/**
 * The bounds the file readers apply to untrusted input. Each reader takes a partial override; the
 * defaults leave room for the reference Inception weights (largest tensor 2,064,384 elements, 472
 * tensors) and 2048-d statistics many times over.
 */
export interface ReaderLimits {
  /** Most bytes the deflated entries of one zip archive may inflate to, together (default 1 GiB). */
  readonly maxInflatedBytes: number;
  /** Most elements of one tensor, from a `.pth` or a weights manifest (default 2^27 = 134,217,728). */
  readonly maxTensorElements: number;
  /** Most bytes of one pickled integer, LONG1/LONG4 (default 32: torch only pickles 64-bit ones). */
  readonly maxLongBytes: number;
  /** Most items on the pickle machine's stack, MARKs included (default 100,000). */
  readonly maxPickleStack: number;
  /** Most memo entries of one pickle (default 100,000). */
  readonly maxPickleMemo: number;
}

export const DEFAULT_READER_LIMITS: ReaderLimits = {
  maxInflatedBytes: 2 ** 30,
  maxTensorElements: 2 ** 27,
  maxLongBytes: 32,
  maxPickleStack: 100_000,
  maxPickleMemo: 100_000,
};

export function readerLimits(overrides: Partial<ReaderLimits> = {}): ReaderLimits {
  return { ...DEFAULT_READER_LIMITS, ...overrides };
}
