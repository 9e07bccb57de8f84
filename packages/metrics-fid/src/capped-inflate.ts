import { inflateRawSync } from 'node:zlib';

/**
 * Inflates a raw deflate stream into at most `maxBytes` bytes. zlib checks the limit after every
 * output chunk (16 KiB), so a stream that would inflate further stops there instead of being
 * inflated whole and measured afterwards. Corrupt data and the limit both end in `fail`.
 */
export function inflateRawCapped(compressed: Uint8Array, maxBytes: number, fail: (what: string) => never): Uint8Array {
  try {
    // maxOutputLength must be at least 1; an empty entry is told apart by its length afterwards.
    const out = inflateRawSync(compressed, { maxOutputLength: Math.max(1, maxBytes) });
    // A plain Uint8Array over the Buffer's bytes: Buffer's slice() would not copy.
    return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return fail(`inflates past its declared ${maxBytes} bytes`);
    return fail(`deflate data is corrupt (${(error as Error).message})`);
  }
}
