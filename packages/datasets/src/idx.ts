import { asUint8Array, type Bytes } from './bytes';
import { DataFileError } from './errors';

/** IDX magic numbers: 0x00000803 (unsigned bytes, 3 dimensions) for images, 0x00000801 (1 dimension) for labels. */
export const IDX_IMAGES_MAGIC = 2051;
export const IDX_LABELS_MAGIC = 2049;

export interface IdxArray {
  dims: number[];
  data: Uint8Array;
}

interface IdxHeader {
  dims: number[];
  headerBytes: number;
  /** Header plus data, as the dimensions declare it. */
  totalBytes: number;
}

/**
 * The header of an unsigned-byte IDX file: big-endian magic, then one uint32 per dimension. Checks
 * the magic number as soon as its 4 bytes are there; undefined while `bytes` is shorter than the header.
 */
function idxHeader(bytes: Uint8Array, source: string, expectedMagic: number): IdxHeader | undefined {
  if (bytes.length < 4) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = view.getUint32(0);
  if (magic !== expectedMagic) {
    const kind = expectedMagic === IDX_IMAGES_MAGIC ? 'IDX images (unsigned bytes, 3 dimensions)' : 'IDX labels (unsigned bytes, 1 dimension)';
    throw new DataFileError(source, `wrong magic number ${magic} (0x${magic.toString(16).padStart(8, '0')}); expected ${expectedMagic} for ${kind}`);
  }
  const headerBytes = 4 + 4 * (magic & 0xff);
  if (bytes.length < headerBytes) return undefined;
  const dims = Array.from({ length: magic & 0xff }, (_, i) => view.getUint32(4 + 4 * i));
  return { dims, headerBytes, totalBytes: headerBytes + dims.reduce((a, b) => a * b, 1) };
}

/**
 * The size an IDX file declares, header plus data, read from its first bytes; undefined while
 * `head` is shorter than the header. Throws a `DataFileError` naming `source` on a wrong magic number.
 */
export function idxDeclaredSize(head: Uint8Array, source: string, expectedMagic: number): number | undefined {
  return idxHeader(head, source, expectedMagic)?.totalBytes;
}

/**
 * Parses an unsigned-byte IDX file held in memory (the MNIST format: big-endian magic, one uint32
 * per dimension, then the bytes) and checks the magic number and that the byte count matches the
 * dimensions. `source` names the bytes in a `DataFileError` (a path or a URL). Raw IDX only: gunzip
 * a `.gz` file first (in a browser, with `DecompressionStream('gzip')`).
 */
export function parseIdx(data: Bytes, source: string, expectedMagic: number): IdxArray {
  const bytes = asUint8Array(data);
  if (bytes.length < 4) throw new DataFileError(source, `only ${bytes.length} bytes; an IDX file starts with a 4-byte magic number`);
  const header = idxHeader(bytes, source, expectedMagic);
  if (!header) {
    const rank = expectedMagic & 0xff;
    throw new DataFileError(source, `truncated header: ${bytes.length} bytes, the ${rank} dimensions need ${4 + 4 * rank}`);
  }
  const { dims, headerBytes, totalBytes: expected } = header;
  if (bytes.length < expected) throw new DataFileError(source, `truncated: ${bytes.length} bytes, but dimensions [${dims.join(', ')}] need ${expected}`);
  if (bytes.length > expected) throw new DataFileError(source, `${bytes.length - expected} unexpected bytes after the ${expected} that dimensions [${dims.join(', ')}] need`);
  return { dims, data: bytes.subarray(headerBytes) };
}
