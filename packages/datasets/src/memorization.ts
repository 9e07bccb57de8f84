import { createDataset, type ArrayDataset } from './dataset';
import { InvalidArgumentError } from './errors';
import { SeededRandom } from '@tfode/seeded-random';

export interface MemorizationOptions {
  numEpisodes: number;
  /** m patterns per episode (default 3). */
  numPatterns?: number;
  /** n bits per pattern (default 100). */
  patternLength?: number;
  /** Times each pattern is shown, in a random order (default 2). */
  presentations?: number;
  /** Time units each presentation lasts (default 0.5) and the query lasts (default 0.5). */
  presentationDuration?: number;
  queryDuration?: number;
  /** Share of the query's bits set to zero (default 0.5); round(degradation · n) bits exactly. */
  degradation?: number;
  seed?: number;
}

/**
 * Few-shot memorization episodes. x: the stimulus of each segment, shape [m·presentations + 1, n]
 * (the presentations in order, then the degraded query); y: the queried pattern, shape [n].
 */
export interface MemorizationDataset extends ArrayDataset {
  /** Segment boundaries in time: segment j spans [segmentTimes[j], segmentTimes[j + 1]). */
  readonly segmentTimes: Float64Array;
  /** The episode's patterns, shape [numEpisodes, m, n], bits in {−1, 1}. */
  readonly patterns: Float32Array;
  /** Which pattern each presentation shows, shape [numEpisodes, m · presentations]. */
  readonly presentationOrder: Int32Array;
  /** Which pattern the query degrades, one per episode. */
  readonly queryPattern: Int32Array;
  /** The segment shown at time t (the last one from the query's start on). */
  segmentAt(t: number): number;
}

/**
 * The real-time pattern memorization task of N-CODE §4.3 and App C.3,
 * after Miconi et al. (2018): m random n-bit patterns in {−1, 1}, each presented `presentations`
 * times in random order for `presentationDuration`, then one of them with a fraction of its bits
 * zeroed as the query; the target is the intact pattern.
 */
export function memorizationEpisodes(options: MemorizationOptions): MemorizationDataset {
  const { numEpisodes, numPatterns = 3, patternLength = 100, presentations = 2, presentationDuration = 0.5, queryDuration = 0.5, degradation = 0.5, seed = 0 } = options;
  for (const [name, value] of [['numEpisodes', numEpisodes], ['numPatterns', numPatterns], ['patternLength', patternLength], ['presentations', presentations]] as const) {
    if (!Number.isInteger(value) || value < 1) throw new InvalidArgumentError(`${name} must be a positive integer, got ${value}`);
  }
  if (!(presentationDuration > 0 && queryDuration > 0)) throw new InvalidArgumentError('presentationDuration and queryDuration must be positive');
  if (!(degradation >= 0 && degradation <= 1)) throw new InvalidArgumentError(`degradation must lie in [0, 1], got ${degradation}`);
  const m = numPatterns;
  const n = patternLength;
  const shows = m * presentations;
  const segments = shows + 1;
  const zeroed = Math.round(degradation * n);
  const random = new SeededRandom(seed);
  const patterns = new Float32Array(numEpisodes * m * n);
  const presentationOrder = new Int32Array(numEpisodes * shows);
  const queryPattern = new Int32Array(numEpisodes);
  const x = new Float32Array(numEpisodes * segments * n);
  const y = new Float32Array(numEpisodes * n);
  for (let e = 0; e < numEpisodes; e++) {
    const own = patterns.subarray(e * m * n, (e + 1) * m * n);
    for (let i = 0; i < own.length; i++) own[i] = random.uniform() < 0.5 ? -1 : 1;
    const order = random.shuffle(Int32Array.from({ length: shows }, (_, i) => i % m));
    presentationOrder.set(order, e * shows);
    order.forEach((p, j) => x.set(own.subarray(p * n, (p + 1) * n), (e * segments + j) * n));
    const q = random.integer(m);
    queryPattern[e] = q;
    const target = own.subarray(q * n, (q + 1) * n);
    y.set(target, e * n);
    const query = x.subarray((e * segments + shows) * n, (e * segments + segments) * n);
    query.set(target);
    for (const bit of random.permutation(n).subarray(0, zeroed)) query[bit] = 0;
  }
  const segmentTimes = Float64Array.from({ length: segments + 1 }, (_, j) => (j <= shows ? j * presentationDuration : shows * presentationDuration + queryDuration));
  const segmentAt = (t: number): number => {
    if (!(t >= 0)) throw new InvalidArgumentError(`t must be ≥ 0, got ${t}`);
    return Math.min(Math.floor(t / presentationDuration), shows);
  };
  return { ...createDataset({ x, xShape: [segments, n], y, yShape: [n] }), segmentTimes, patterns, presentationOrder, queryPattern, segmentAt };
}
