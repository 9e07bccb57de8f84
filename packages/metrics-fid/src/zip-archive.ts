/**
 * Reads the entries of a zip archive held in memory: torch's checkpoint format (stored entries,
 * 64-byte aligned, zip64 records for large files) and numpy's .npz (stored or deflated).
 */
import { BoundedReader } from './bounded-reader';
import { inflateRawCapped } from './capped-inflate';
import { FidFileError } from './errors';
import { type ReaderLimits, readerLimits } from './reader-limits';

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const ZIP64_END_LOCATOR = 0x07064b50;
const ZIP64_END = 0x06064b50;
const CENTRAL_ENTRY = 0x02014b50;
const LOCAL_ENTRY = 0x04034b50;

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/**
 * Entry name → uncompressed bytes (views into `bytes` for stored entries). Every header field is
 * read through a bounded reader; deflated entries inflate to at most their declared size, and all
 * of them together to at most `limits.maxInflatedBytes`.
 */
export async function readZipEntries(bytes: Uint8Array, label: string, limits: Partial<ReaderLimits> = {}): Promise<Map<string, Uint8Array>> {
  const { maxInflatedBytes } = readerLimits(limits);
  const fail = (what: string): never => {
    throw new FidFileError(`${label}: ${what}; the zip archive is truncated or corrupt`);
  };
  const reader = new BoundedReader(bytes, fail);
  const eocd = findEndOfCentralDirectory(bytes);
  if (eocd < 0) fail('no end-of-central-directory record');
  let count = reader.seek(eocd + 10).u16();
  let directoryOffset = reader.seek(eocd + 16).u32();
  if (count === 0xffff || directoryOffset === 0xffffffff) {
    const locator = eocd - 20;
    if (locator < 0 || reader.seek(locator).u32() !== ZIP64_END_LOCATOR) fail('zip64 locator missing');
    const zip64 = reader.seek(locator + 8).u64();
    if (zip64 + 56 > bytes.length || reader.seek(zip64).u32() !== ZIP64_END) fail('zip64 end record missing');
    count = reader.seek(zip64 + 32).u64();
    directoryOffset = reader.seek(zip64 + 48).u64();
  }
  const entries = new Map<string, Uint8Array>();
  let inflatable = maxInflatedBytes;
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || reader.seek(at).u32() !== CENTRAL_ENTRY) fail(`central directory entry ${i} missing`);
    const method = reader.seek(at + 10).u16();
    let compressedSize = reader.seek(at + 20).u32();
    let size = reader.u32();
    const nameLength = reader.u16();
    const extraLength = reader.u16();
    const commentLength = reader.u16();
    let localOffset = reader.seek(at + 42).u32();
    const name = new TextDecoder().decode(reader.take(nameLength));
    // Zip64 extra field: 64-bit values for exactly those fields saturated at 0xFFFFFFFF, in this order.
    const extra = findExtraField(reader, at + 46 + nameLength, extraLength, 0x0001);
    if (extra !== undefined) {
      const field = new BoundedReader(extra, fail);
      if (size === 0xffffffff) size = field.u64();
      if (compressedSize === 0xffffffff) compressedSize = field.u64();
      if (localOffset === 0xffffffff) localOffset = field.u64();
    }
    if (localOffset + 30 > bytes.length || reader.seek(localOffset).u32() !== LOCAL_ENTRY) fail(`local header of "${name}" missing`);
    const dataStart = localOffset + 30 + reader.seek(localOffset + 26).u16() + reader.u16();
    if (dataStart + compressedSize > bytes.length) fail(`data of "${name}" runs past the end`);
    const raw = bytes.subarray(dataStart, dataStart + compressedSize);
    if (method === 0) entries.set(name, raw);
    else if (method === 8) {
      if (size > inflatable) {
        throw new FidFileError(`${label}: entry "${name}" declares ${size} bytes, more than the ${maxInflatedBytes} bytes an archive may inflate to (limit maxInflatedBytes)`);
      }
      entries.set(name, await inflateRawCapped(raw, size, (what) => fail(`entry "${name}" ${what}`)));
      inflatable -= size;
    } else throw new FidFileError(`${label}: entry "${name}" uses zip compression method ${method}; only stored (0) and deflate (8) are supported`);
    if (entries.get(name)!.length !== size) fail(`entry "${name}" has the wrong size`);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function findEndOfCentralDirectory(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const earliest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let at = bytes.length - 22; at >= earliest; at--) {
    if (view.getUint32(at, true) === END_OF_CENTRAL_DIRECTORY) return at;
  }
  return -1;
}

/** The data of the extra field `id` among the `length` bytes of extra fields at `start`. */
function findExtraField(reader: BoundedReader, start: number, length: number, id: number): Uint8Array | undefined {
  for (let at = start; at + 4 <= start + length; ) {
    const fieldId = reader.seek(at).u16();
    const fieldLength = reader.u16();
    if (fieldId === id) return reader.take(fieldLength);
    at += 4 + fieldLength;
  }
  return undefined;
}

const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A zip archive of stored (uncompressed) entries, as numpy.savez writes; entries below 4 GiB. */
export function writeStoredZip(entries: readonly (readonly [string, Uint8Array])[]): Uint8Array {
  const encoder = new TextEncoder();
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const [name, data] of entries) {
    const nameBytes = encoder.encode(name);
    const crc = crc32(data);
    const local = new Uint8Array(30 + nameBytes.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, LOCAL_ENTRY, true);
    lv.setUint16(4, 20, true); // version needed
    lv.setUint32(14, crc, true);
    lv.setUint32(18, data.length, true);
    lv.setUint32(22, data.length, true);
    lv.setUint16(26, nameBytes.length, true);
    local.set(nameBytes, 30);
    const central = new Uint8Array(46 + nameBytes.length);
    const cv = new DataView(central.buffer);
    cv.setUint32(0, CENTRAL_ENTRY, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, data.length, true);
    cv.setUint32(24, data.length, true);
    cv.setUint16(28, nameBytes.length, true);
    cv.setUint32(42, offset, true);
    central.set(nameBytes, 46);
    locals.push(local, data);
    centrals.push(central);
    offset += local.length + data.length;
  }
  const directorySize = centrals.reduce((s, c) => s + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, END_OF_CENTRAL_DIRECTORY, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, directorySize, true);
  ev.setUint32(16, offset, true);
  const out = new Uint8Array(offset + directorySize + 22);
  let at = 0;
  for (const part of [...locals, ...centrals, end]) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
