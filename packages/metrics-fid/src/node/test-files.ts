// Test support, Node only (node:zlib makes real deflate streams) and exported from neither entry:
// small files built by hand for the readers' tests — pickle byte streams, torch zip checkpoints
// around them, and zip archives with a deflated entry.
import { deflateRawSync } from 'node:zlib';
import { writeStoredZip } from '../zip-archive';

const encoder = new TextEncoder();

/** The pickle opcodes the tests write. */
export const op = {
  MARK: 0x28,
  STOP: 0x2e,
  EMPTY_TUPLE: 0x29,
  TUPLE: 0x74,
  TUPLE1: 0x85,
  EMPTY_LIST: 0x5d,
  EMPTY_DICT: 0x7d,
  SETITEM: 0x73,
  BININT: 0x4a,
  LONG1: 0x8a,
  LONG4: 0x8b,
  NEWFALSE: 0x89,
  BINUNICODE: 0x58,
  SHORT_BINUNICODE: 0x8c,
  BINPUT: 0x71,
  LONG_BINPUT: 0x72,
  MEMOIZE: 0x94,
  BINPERSID: 0x51,
  REDUCE: 0x52,
} as const;

export function uint32(value: number): number[] {
  return [value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff];
}

/** A protocol-2 pickle: PROTO 2, the opcodes of `body`, STOP. */
export function pickle(body: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(body.length + 3);
  out.set([0x80, 0x02]);
  out.set(body, 2);
  out[out.length - 1] = op.STOP;
  return out;
}

export const pickleString = (text: string): number[] => {
  const bytes = encoder.encode(text);
  return [op.BINUNICODE, ...uint32(bytes.length), ...bytes];
};
export const pickleInt = (value: number): number[] => [op.BININT, ...uint32(value)];
export const pickleGlobal = (module: string, name: string): number[] => [0x63, ...encoder.encode(`${module}\n${name}\n`)];
export const pickleTuple = (items: number[][]): number[] => [op.MARK, ...items.flat(), op.TUPLE];

/** A float32 tensor as `torch._utils._rebuild_tensor_v2` receives it: a view of storage `key`. */
export interface TensorView {
  readonly key: string;
  readonly offset: number;
  readonly shape: readonly number[];
  readonly stride: readonly number[];
}

/** The pickle of a dict name → tensor view, as torch.save writes for a float32 state dict. */
export function stateDictPickle(tensors: Record<string, TensorView>, storageLength: (key: string) => number): Uint8Array {
  const body: number[] = [op.EMPTY_DICT];
  for (const [name, { key, offset, shape, stride }] of Object.entries(tensors)) {
    const storage = [...pickleTuple([pickleString('storage'), pickleGlobal('torch', 'FloatStorage'), pickleString(key), pickleString('cpu'), pickleInt(storageLength(key))]), op.BINPERSID];
    const args = pickleTuple([storage, pickleInt(offset), pickleTuple(shape.map(pickleInt)), pickleTuple(stride.map(pickleInt)), [op.NEWFALSE]]);
    body.push(...pickleString(name), ...pickleGlobal('torch._utils', '_rebuild_tensor_v2'), ...args, op.REDUCE, op.SETITEM);
  }
  return pickle(body);
}

/** A torch zip checkpoint (`archive/data.pkl`, `archive/data/<key>`) of float32 views of the given storages. */
export function torchZip(tensors: Record<string, TensorView>, storages: Record<string, Float32Array>): Uint8Array {
  const data = stateDictPickle(tensors, (key) => storages[key]?.length ?? 0);
  return writeStoredZip([
    ['archive/data.pkl', data],
    ...Object.entries(storages).map(([key, values]) => [`archive/data/${key}`, new Uint8Array(values.buffer, values.byteOffset, values.byteLength)] as const),
  ]);
}

/** A zip of one deflated entry whose headers declare `declaredSize` uncompressed bytes. */
export function deflatedZip(name: string, content: Uint8Array, declaredSize = content.length): Uint8Array {
  const compressed = deflateRawSync(content);
  const zip = writeStoredZip([[name, compressed]]);
  const view = new DataView(zip.buffer);
  const central = 30 + encoder.encode(name).length + compressed.length;
  view.setUint16(8, 8, true); // local header: method deflate
  view.setUint32(22, declaredSize, true);
  view.setUint16(central + 10, 8, true); // central directory entry
  view.setUint32(central + 24, declaredSize, true);
  return zip;
}
