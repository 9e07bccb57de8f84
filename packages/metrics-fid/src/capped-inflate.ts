/**
 * Inflates a raw deflate stream into at most `maxBytes` bytes with the platform's
 * DecompressionStream (browsers and Node alike). Output is read chunk by chunk (16 KiB in Node), so a
 * stream that would inflate further is cancelled at the first chunk past the limit instead of being
 * inflated whole and measured afterwards. Corrupt or truncated data and the limit both end in `fail`.
 */
export async function inflateRawCapped(compressed: Uint8Array, maxBytes: number, fail: (what: string) => never): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  // The stream reads its own copy of the view's bytes (a Blob takes no view of shared memory).
  const reader = new Blob([compressed.slice()]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  try {
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      size += next.value.length;
      if (size > maxBytes) break;
      chunks.push(next.value);
    }
  } catch (error) {
    return fail(`deflate data is corrupt (${(error as Error).message})`);
  }
  if (size > maxBytes) {
    await reader.cancel().catch(() => undefined);
    return fail(`inflates past its declared ${maxBytes} bytes`);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
