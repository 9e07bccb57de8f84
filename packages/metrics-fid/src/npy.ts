/** numpy's .npy format (version 1.0/2.0), little-endian float64/float32/int64/int32 only. */
import { BoundedReader } from './bounded-reader';
import { FidFileError } from './errors';

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

export interface NpyArray {
  readonly shape: readonly number[];
  readonly data: Float64Array;
}

/** Encodes a float64 array (or an int64 scalar/array with `descr: '<i8'`) as .npy version 1.0. */
export function encodeNpy(data: Float64Array | BigInt64Array, shape: readonly number[]): Uint8Array {
  const descr = data instanceof Float64Array ? '<f8' : '<i8';
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  // Pad with spaces so the data starts on a 64-byte boundary; the header ends with a newline.
  const unpadded = MAGIC.length + 4 + header.length + 1;
  header += ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const headerBytes = new TextEncoder().encode(header);
  const out = new Uint8Array(MAGIC.length + 4 + headerBytes.length + data.byteLength);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  new DataView(out.buffer).setUint16(8, headerBytes.length, true);
  out.set(headerBytes, 10);
  out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), 10 + headerBytes.length);
  return out;
}

/** Decodes a .npy array to float64 values in C order; the header must describe data the file holds. */
export function decodeNpy(bytes: Uint8Array, label: string): NpyArray {
  const fail = (what: string): never => {
    throw new FidFileError(`${label}: ${what}`);
  };
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) fail('not a .npy array');
  const major = bytes[6];
  if (major < 1 || major > 3) fail(`unsupported .npy version ${major}`);
  const reader = new BoundedReader(bytes, () => fail('truncated .npy header')).seek(8);
  const headerLength = major === 1 ? reader.u16() : reader.u32();
  const header = new TextDecoder().decode(reader.take(headerLength));
  const start = reader.pos;
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) fail('malformed .npy header');
  if (fortran === 'True') fail('Fortran-ordered arrays are not supported; save with numpy.ascontiguousarray');
  const shape = shapeText!.split(',').map((s) => s.trim()).filter((s) => s.length > 0).map(Number);
  if (!shape.every((n) => Number.isSafeInteger(n) && n >= 0)) fail(`malformed .npy shape (${shapeText})`);
  const count = shape.reduce((a, b) => a * b, 1);
  const readers: Record<string, [number, (buffer: ArrayBuffer) => ArrayLike<number | bigint>]> = {
    '<f8': [8, (b) => new Float64Array(b)],
    '<f4': [4, (b) => new Float32Array(b)],
    '<i8': [8, (b) => new BigInt64Array(b)],
    '<i4': [4, (b) => new Int32Array(b)],
  };
  const element = readers[descr!];
  if (element === undefined) fail(`unsupported dtype ${descr}; expected little-endian float64/float32/int64/int32`);
  const [size, typed] = element;
  if (bytes.length - start < count * size) fail(`data shorter than shape (${shape}) needs`);
  const values = typed(bytes.slice(start, start + count * size).buffer);
  return { shape, data: Float64Array.from({ length: count }, (_, i) => Number(values[i])) };
}
