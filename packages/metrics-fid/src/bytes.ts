/** Bytes as a caller may hold them: a Uint8Array (what Node reads files into is one) or the ArrayBuffer of a `fetch` response or a file input. */
export type Bytes = Uint8Array | ArrayBuffer;

/** A Uint8Array view of `bytes`, without copying. */
export function asUint8Array(bytes: Bytes): Uint8Array {
  return bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
}
