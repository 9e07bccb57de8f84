import { DataFileError } from './errors';
import { readMaybeGzipped } from './data-file';

/** IDX magic numbers: 0x00000803 (unsigned bytes, 3 dimensions) for images, 0x00000801 (1 dimension) for labels. */
export const IDX_IMAGES_MAGIC = 2051;
export const IDX_LABELS_MAGIC = 2049;

export interface IdxArray {
  dims: number[];
  data: Uint8Array;
}

/**
 * Parses an unsigned-byte IDX file (the MNIST format: big-endian magic, one uint32 per dimension,
 * then the bytes) and checks the magic number and that the byte count matches the dimensions.
 */
export function parseIdx(bytes: Uint8Array, path: string, expectedMagic: number): IdxArray {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 4) throw new DataFileError(path, `only ${bytes.length} bytes; an IDX file starts with a 4-byte magic number`);
  const magic = view.getUint32(0);
  if (magic !== expectedMagic) {
    const kind = expectedMagic === IDX_IMAGES_MAGIC ? 'IDX images (unsigned bytes, 3 dimensions)' : 'IDX labels (unsigned bytes, 1 dimension)';
    throw new DataFileError(path, `wrong magic number ${magic} (0x${magic.toString(16).padStart(8, '0')}); expected ${expectedMagic} for ${kind}`);
  }
  const rank = magic & 0xff;
  const headerBytes = 4 + 4 * rank;
  if (bytes.length < headerBytes) throw new DataFileError(path, `truncated header: ${bytes.length} bytes, the ${rank} dimensions need ${headerBytes}`);
  const dims = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i));
  const expected = headerBytes + dims.reduce((a, b) => a * b, 1);
  if (bytes.length < expected) throw new DataFileError(path, `truncated: ${bytes.length} bytes, but dimensions [${dims.join(', ')}] need ${expected}`);
  if (bytes.length > expected) throw new DataFileError(path, `${bytes.length - expected} unexpected bytes after the ${expected} that dimensions [${dims.join(', ')}] need`);
  return { dims, data: bytes.subarray(headerBytes) };
}

/** Reads an IDX file, gzipped or raw. */
export async function readIdx(path: string, expectedMagic: number): Promise<IdxArray> {
  return parseIdx(await readMaybeGzipped(path), path, expectedMagic);
}
