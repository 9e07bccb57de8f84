// The readers' fuzz harness for the test suites: seeded mutations of a valid file, each parsed under a
// time and memory bound. A case passes when the reader loads the file or throws one of the reader's
// typed errors; a hang, an untyped crash or an allocation past the bound fails it.

/** A small seeded generator (mulberry32), so every mutated file can be rebuilt from the seed. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n) };
}

// Values that sit on parsers' edges: sign bits, size fields near 2^31 and 2^32, zero, one.
const edgeBytes = [0x00, 0x01, 0x7f, 0x80, 0xff, 0xfe];
const edgeWords = [0, 1, -1, 0x7fffffff, -0x80000000, 0xffff, 0x10000];

/** One seeded mutation of `bytes`: flip bits, overwrite bytes or a 32-bit word, truncate, cut out, duplicate, or insert. */
export function mutate(bytes: Uint8Array, seed: number): Uint8Array {
  const random = generator(seed);
  const out = Uint8Array.from(bytes);
  const at = () => random.int(Math.max(1, out.length));
  const kind = random.int(7);
  if (out.length === 0 || kind === 6) {
    const insert = Uint8Array.from({ length: 1 + random.int(16) }, () => edgeBytes[random.int(edgeBytes.length)]);
    const position = random.int(out.length + 1);
    return Uint8Array.from([...out.subarray(0, position), ...insert, ...out.subarray(position)]);
  }
  switch (kind) {
    case 0:
      for (let i = 1 + random.int(8); i > 0; i--) out[at()] ^= 1 << random.int(8);
      return out;
    case 1:
      for (let i = 1 + random.int(4); i > 0; i--) out[at()] = edgeBytes[random.int(edgeBytes.length)];
      return out;
    case 2: {
      const position = Math.min(at(), Math.max(0, out.length - 4));
      new DataView(out.buffer).setInt32(position, edgeWords[random.int(edgeWords.length)], random.next() < 0.5);
      return out;
    }
    case 3:
      return out.slice(0, at());
    case 4: {
      const start = at();
      return Uint8Array.from([...out.subarray(0, start), ...out.subarray(Math.min(out.length, start + 1 + random.int(64)))]);
    }
    default: {
      const start = at();
      const piece = out.subarray(start, Math.min(out.length, start + 1 + random.int(64)));
      return Uint8Array.from([...out.subarray(0, start), ...piece, ...out.subarray(start)]);
    }
  }
}

export interface FuzzOptions {
  /** The base seed: case i uses seed + i. */
  seed: number;
  cases: number;
  /** The longest one case may take, in ms. */
  caseMs: number;
  /** The most a case may add to the process's ArrayBuffer memory, in bytes. */
  maxBytes: number;
  /** The reader's typed errors: any other throw fails the case. */
  typedErrors: (abstract new (...args: never[]) => Error)[];
}

export interface FuzzReport {
  cases: number;
  loaded: number;
  rejected: number;
  failures: string[];
  /** One line to print: the seed and the counts, so a failing run can be replayed. */
  summary: string;
}

/**
 * Parses `cases` mutations of each valid file with `parse`, and reports every case that hung (took
 * over `caseMs`), threw an error that is not one of `typedErrors`, or grew ArrayBuffer memory past
 * `maxBytes`. Synchronous or async readers alike; each failure names its seed.
 */
export async function fuzz(
  name: string,
  valid: Uint8Array[],
  parse: (bytes: Uint8Array) => unknown,
  options: FuzzOptions,
): Promise<FuzzReport> {
  const failures: string[] = [];
  let loaded = 0;
  let rejected = 0;
  for (let i = 0; i < options.cases; i++) {
    const seed = options.seed + i;
    const input = mutate(valid[i % valid.length], seed);
    const before = process.memoryUsage().arrayBuffers;
    const start = performance.now();
    try {
      await parse(input);
      loaded++;
    } catch (error) {
      if (options.typedErrors.some((type) => error instanceof type)) rejected++;
      else failures.push(`seed ${seed}: untyped ${(error as Error)?.name ?? typeof error}: ${(error as Error)?.message ?? error}`);
    }
    const ms = performance.now() - start;
    const grown = process.memoryUsage().arrayBuffers - before;
    if (ms > options.caseMs) failures.push(`seed ${seed}: took ${ms.toFixed(0)} ms (bound ${options.caseMs} ms)`);
    if (grown > options.maxBytes) failures.push(`seed ${seed}: ArrayBuffer memory grew ${grown} bytes (bound ${options.maxBytes})`);
  }
  const summary = `fuzz ${name}: seed ${options.seed}, ${options.cases} cases, ${loaded} loaded, ${rejected} rejected with a typed error, ${failures.length} failed`;
  return { cases: options.cases, loaded, rejected, failures, summary };
}
