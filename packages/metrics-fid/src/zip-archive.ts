/**
 * Reads the entries of a zip archive held in memory: torch's checkpoint format (stored entries,
 * 64-byte aligned, zip64 records for large files) and numpy's .npz (stored or deflated).
 */
import { inflateRawSync } from 'node:zlib';
import { FidFileError } from './errors';

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const ZIP64_END_LOCATOR = 0x07064b50;
const ZIP64_END = 0x06064b50;
const CENTRAL_ENTRY = 0x02014b50;
const LOCAL_ENTRY = 0x04034b50;

export function isZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

/** Entry name → uncompressed bytes (views into `bytes` for stored entries). */
export function readZipEntries(bytes: Uint8Array, label: string): Map<string, Uint8Array> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fail = (what: string): never => {
    throw new FidFileError(`${label}: ${what}; the zip archive is truncated or corrupt`);
  };
  const eocd = findEndOfCentralDirectory(bytes, view);
  if (eocd < 0) fail('no end-of-central-directory record');
  let count: number = view.getUint16(eocd + 10, true);
  let directoryOffset: number = view.getUint32(eocd + 16, true);
  if (count === 0xffff || directoryOffset === 0xffffffff) {
    const locator = eocd - 20;
    if (locator < 0 || view.getUint32(locator, true) !== ZIP64_END_LOCATOR) fail('zip64 locator missing');
    const zip64 = safeNumber(view.getBigUint64(locator + 8, true), label);
    if (zip64 + 56 > bytes.length || view.getUint32(zip64, true) !== ZIP64_END) fail('zip64 end record missing');
    count = safeNumber(view.getBigUint64(zip64 + 32, true), label);
    directoryOffset = safeNumber(view.getBigUint64(zip64 + 48, true), label);
  }
  const entries = new Map<string, Uint8Array>();
  let at = directoryOffset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL_ENTRY) fail(`central directory entry ${i} missing`);
    const method = view.getUint16(at + 10, true);
    let compressedSize: number = view.getUint32(at + 20, true);
    let size: number = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    let localOffset: number = view.getUint32(at + 42, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    // Zip64 extra field: 64-bit values for exactly those fields saturated at 0xFFFFFFFF, in this order.
    const extra = readExtraField(view, at + 46 + nameLength, extraLength, 0x0001);
    if (extra !== undefined) {
      let cursor = extra.start;
      const next = () => {
        const value = safeNumber(view.getBigUint64(cursor, true), label);
        cursor += 8;
        return value;
      };
      if (size === 0xffffffff) size = next();
      if (compressedSize === 0xffffffff) compressedSize = next();
      if (localOffset === 0xffffffff) localOffset = next();
    }
    if (view.getUint32(localOffset, true) !== LOCAL_ENTRY) fail(`local header of "${name}" missing`);
    const dataStart = localOffset + 30 + view.getUint16(localOffset + 26, true) + view.getUint16(localOffset + 28, true);
    if (dataStart + compressedSize > bytes.length) fail(`data of "${name}" runs past the end`);
    const raw = bytes.subarray(dataStart, dataStart + compressedSize);
    if (method === 0) entries.set(name, raw);
    else if (method === 8) entries.set(name, new Uint8Array(inflateRawSync(raw)));
    else throw new FidFileError(`${label}: entry "${name}" uses zip compression method ${method}; only stored (0) and deflate (8) are supported`);
    if (entries.get(name)!.length !== size) fail(`entry "${name}" has the wrong size`);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function findEndOfCentralDirectory(bytes: Uint8Array, view: DataView): number {
  const earliest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let at = bytes.length - 22; at >= earliest; at--) {
    if (view.getUint32(at, true) === END_OF_CENTRAL_DIRECTORY) return at;
  }
  return -1;
}

function readExtraField(view: DataView, start: number, length: number, id: number): { start: number } | undefined {
  for (let at = start; at + 4 <= start + length; ) {
    const fieldId = view.getUint16(at, true);
    const fieldLength = view.getUint16(at + 2, true);
    if (fieldId === id) return { start: at + 4 };
    at += 4 + fieldLength;
  }
  return undefined;
}

function safeNumber(value: bigint, label: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new FidFileError(`${label}: zip offsets beyond 2^53 are not supported`);
  return Number(value);
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
