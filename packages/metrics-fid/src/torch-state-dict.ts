/**
 * Reads a PyTorch state dict saved by `torch.save` without Python: the zip format of torch ≥ 1.6
 * (`<archive>/data.pkl` + raw storages `<archive>/data/<key>`) and the legacy format before it
 * (five pickles: magic, protocol, system info, the object, storage keys; then the raw storages).
 */
import { readFile } from 'node:fs/promises';
import { FidFileError } from './errors';
import { type PickleCallable, unpickle } from './pickle';
import { isZip, readZipEntries } from './zip-archive';

export type TorchDType = 'float32' | 'float64' | 'float16' | 'bfloat16' | 'int64' | 'int32' | 'int16' | 'int8' | 'uint8' | 'bool';

/** A contiguous (row-major) copy of one tensor; float16/bfloat16 values are widened to float32. */
export interface TorchTensor {
  readonly dtype: TorchDType;
  readonly shape: readonly number[];
  readonly data: Float32Array | Float64Array | BigInt64Array | Int32Array | Int16Array | Int8Array | Uint8Array;
}

const STORAGE_TYPES: Record<string, { dtype: TorchDType; bytes: number }> = {
  FloatStorage: { dtype: 'float32', bytes: 4 },
  DoubleStorage: { dtype: 'float64', bytes: 8 },
  HalfStorage: { dtype: 'float16', bytes: 2 },
  BFloat16Storage: { dtype: 'bfloat16', bytes: 2 },
  LongStorage: { dtype: 'int64', bytes: 8 },
  IntStorage: { dtype: 'int32', bytes: 4 },
  ShortStorage: { dtype: 'int16', bytes: 2 },
  CharStorage: { dtype: 'int8', bytes: 1 },
  ByteStorage: { dtype: 'uint8', bytes: 1 },
  BoolStorage: { dtype: 'bool', bytes: 1 },
};

const LEGACY_MAGIC = 0x1950a86a20f9469cfc6cn;

interface StorageRef {
  readonly kind: 'storage';
  readonly dtype: TorchDType;
  readonly key: string;
  /** Legacy storage views: (root key, element offset, length). */
  readonly view?: { offset: number; length: number };
}

interface PendingTensor {
  readonly kind: 'tensor';
  readonly storage: StorageRef;
  readonly offset: number;
  readonly shape: number[];
  readonly stride: number[];
}

/** Loads a `.pth` file from disk; see `readTorchStateDict`. */
export async function loadTorchStateDict(path: string): Promise<Map<string, TorchTensor>> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (error) {
    throw new FidFileError(`cannot read torch file ${path}: ${(error as Error).message}`);
  }
  return readTorchStateDict(bytes, path);
}

/** Parses the bytes of a `.pth` file holding a flat dict of tensors (a `state_dict()`). */
export function readTorchStateDict(bytes: Uint8Array, label = 'torch file'): Map<string, TorchTensor> {
  const fail = (what: string): never => {
    throw new FidFileError(`${label}: ${what}`);
  };
  const options = {
    resolveGlobal: (module: string, name: string) => resolveTorchGlobal(module, name, label),
    persistentLoad: (pid: unknown) => storageFromPersistentId(pid, label),
    build: (target: unknown) => {
      // OrderedDict state is the state dict's `_metadata` (module versions), not needed here.
      if (!(target instanceof Map)) fail('BUILD on something other than an OrderedDict');
    },
  };
  let root: unknown;
  let storageBytes: (key: string) => Uint8Array;
  if (isZip(bytes)) {
    const entries = readZipEntries(bytes, label);
    const pickleName = [...entries.keys()].find((name) => name.endsWith('data.pkl') && name.split('/').length <= 2);
    if (pickleName === undefined) fail('zip archive without data.pkl; is this a torch.save file?');
    const prefix = pickleName!.slice(0, -'data.pkl'.length);
    const byteOrder = entries.get(`${prefix}byteorder`);
    if (byteOrder !== undefined && new TextDecoder().decode(byteOrder).trim() !== 'little') fail('big-endian torch files are not supported');
    root = unpickle(entries.get(pickleName!)!, options).value;
    storageBytes = (key) => entries.get(`${prefix}data/${key}`) ?? fail(`storage data/${key} missing from the archive`);
  } else {
    ({ root, storageBytes } = readLegacy(bytes, options, label));
  }
  if (!(root instanceof Map)) fail('the pickled object is not a dict of tensors (expected a state_dict())');
  const result = new Map<string, TorchTensor>();
  for (const [key, value] of root as Map<unknown, unknown>) {
    if (typeof key !== 'string') fail(`state dict key ${String(key)} is not a string`);
    if (!isPendingTensor(value)) fail(`entry "${String(key)}" is not a tensor`);
    result.set(key as string, materialize(value as PendingTensor, storageBytes!, label));
  }
  return result;
}

function readLegacy(bytes: Uint8Array, options: Parameters<typeof unpickle>[1], label: string) {
  const plain = { resolveGlobal: options.resolveGlobal };
  const magic = unpickle(bytes, plain);
  if (BigInt(magic.value as number | bigint) !== LEGACY_MAGIC) {
    throw new FidFileError(`${label}: neither a zip archive nor a legacy torch file (wrong magic number)`);
  }
  const protocol = unpickle(bytes, plain, magic.end);
  if (protocol.value !== 1001) throw new FidFileError(`${label}: unsupported legacy torch protocol ${String(protocol.value)}`);
  const sysInfo = unpickle(bytes, plain, protocol.end);
  if (sysInfo.value instanceof Map && sysInfo.value.get('little_endian') === false) {
    throw new FidFileError(`${label}: big-endian torch files are not supported`);
  }
  const object = unpickle(bytes, options, sysInfo.end);
  const keys = unpickle(bytes, plain, object.end);
  if (!Array.isArray(keys.value)) throw new FidFileError(`${label}: legacy storage key list missing`);
  // Each storage: int64 element count, then the elements; element size from the storage type.
  const elementBytes = new Map<string, number>();
  collectStorages(object.value, elementBytes);
  const storages = new Map<string, Uint8Array>();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = keys.end;
  for (const key of keys.value as unknown[]) {
    const size = elementBytes.get(String(key));
    if (size === undefined || at + 8 > bytes.length) throw new FidFileError(`${label}: legacy storage ${String(key)} is not referenced or truncated`);
    const count = Number(view.getBigInt64(at, true));
    const start = at + 8;
    at = start + count * size;
    if (at > bytes.length) throw new FidFileError(`${label}: legacy storage ${String(key)} runs past the end of the file`);
    storages.set(String(key), bytes.subarray(start, at));
  }
  const storageBytes = (key: string) => storages.get(key) ?? (() => {
    throw new FidFileError(`${label}: legacy storage ${key} missing`);
  })();
  return { root: object.value, storageBytes };
}

function collectStorages(value: unknown, into: Map<string, number>): void {
  if (value instanceof Map) for (const v of value.values()) collectStorages(v, into);
  else if (isPendingTensor(value)) into.set(value.storage.key, bytesPerElement(value.storage.dtype));
}

function bytesPerElement(dtype: TorchDType): number {
  return Object.values(STORAGE_TYPES).find((t) => t.dtype === dtype)!.bytes;
}

function resolveTorchGlobal(module: string, name: string, label: string): PickleCallable {
  const qualified = `${module}.${name}`;
  if (qualified === 'collections.OrderedDict') {
    return { name: qualified, call: (args) => new Map((args[0] as [unknown, unknown][] | undefined) ?? []) };
  }
  if (qualified === 'torch._utils._rebuild_tensor_v2' || qualified === 'torch._utils._rebuild_tensor') {
    return {
      name: qualified,
      call: ([storage, offset, shape, stride]) => {
        if (!isStorage(storage) || typeof offset !== 'number' || !isIntArray(shape) || !isIntArray(stride)) {
          throw new FidFileError(`${label}: malformed ${qualified} arguments`);
        }
        const tensor: PendingTensor = { kind: 'tensor', storage, offset, shape, stride };
        return tensor;
      },
    };
  }
  if (qualified === 'torch._utils._rebuild_parameter') return { name: qualified, call: ([data]) => data };
  if (module === 'torch' && name in STORAGE_TYPES) return { name: qualified, call: () => { throw new FidFileError(`${label}: ${qualified} called directly`); } };
  throw new FidFileError(`${label}: refuses to load Python object ${qualified}; only plain tensor state dicts are read`);
}

function storageFromPersistentId(pid: unknown, label: string): StorageRef {
  // ('storage', storage_type, key, location, numel[, view_metadata])
  if (!Array.isArray(pid) || pid[0] !== 'storage' || pid.length < 5) throw new FidFileError(`${label}: unknown persistent id`);
  const typeName = (pid[1] as PickleCallable).name?.replace(/^torch\./, '');
  const type = STORAGE_TYPES[typeName ?? ''];
  if (type === undefined) throw new FidFileError(`${label}: unsupported storage type ${String(typeName)}`);
  // Legacy views of a root storage carry (view key, element offset, length); the bytes live under the root key.
  const viewMetadata = pid[5];
  const view = Array.isArray(viewMetadata) ? { offset: Number(viewMetadata[1]), length: Number(viewMetadata[2]) } : undefined;
  return { kind: 'storage', dtype: type.dtype, key: String(pid[2]), view };
}

function isStorage(value: unknown): value is StorageRef {
  return typeof value === 'object' && value !== null && (value as StorageRef).kind === 'storage';
}

function isPendingTensor(value: unknown): value is PendingTensor {
  return typeof value === 'object' && value !== null && (value as PendingTensor).kind === 'tensor';
}

function isIntArray(value: unknown): value is number[] {
  return Array.isArray(value) && value.every((v) => Number.isInteger(v) && v >= 0);
}

function materialize(pending: PendingTensor, storageBytes: (key: string) => Uint8Array, label: string): TorchTensor {
  const { storage, offset, shape, stride } = pending;
  const elementSize = bytesPerElement(storage.dtype);
  let raw = storageBytes(storage.key);
  if (storage.view !== undefined) raw = raw.subarray(storage.view.offset * elementSize, (storage.view.offset + storage.view.length) * elementSize);
  const source = typedView(storage.dtype, raw);
  const count = shape.reduce((a, b) => a * b, 1);
  let last = offset;
  shape.forEach((n, i) => (last += n > 0 ? (n - 1) * stride[i] : 0));
  if (count > 0 && last >= source.length) throw new FidFileError(`${label}: tensor view runs past its storage (${source.length} elements)`);
  const data = gatherStrided(source, offset, shape, stride, count);
  return { dtype: storage.dtype, shape: [...shape], data };
}

type Typed = TorchTensor['data'];

/** Copies the storage bytes into an aligned typed array (float16/bfloat16 widened to float32). */
function typedView(dtype: TorchDType, raw: Uint8Array): Typed {
  const buffer = raw.slice().buffer;
  switch (dtype) {
    case 'float32': return new Float32Array(buffer);
    case 'float64': return new Float64Array(buffer);
    case 'int64': return new BigInt64Array(buffer);
    case 'int32': return new Int32Array(buffer);
    case 'int16': return new Int16Array(buffer);
    case 'int8': return new Int8Array(buffer);
    case 'uint8':
    case 'bool': return new Uint8Array(buffer);
    case 'float16': return Float32Array.from(new Uint16Array(buffer), halfToFloat);
    case 'bfloat16': {
      const widened = new Uint32Array(raw.length / 2);
      new Uint16Array(buffer).forEach((bits, i) => (widened[i] = bits << 16));
      return new Float32Array(widened.buffer);
    }
  }
}

function halfToFloat(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >> 10) & 0x1f;
  const fraction = bits & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 0x1f) return fraction === 0 ? sign * Infinity : Number.NaN;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

function gatherStrided(source: Typed, offset: number, shape: number[], stride: number[], count: number): Typed {
  let expected = 1;
  let contiguous = true;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    if (shape[axis] !== 1 && stride[axis] !== expected) contiguous = false;
    expected *= shape[axis];
  }
  if (contiguous) return source.slice(offset, offset + count);
  const out = source.slice(0, count);
  const index = new Array<number>(shape.length).fill(0);
  let at = offset;
  for (let i = 0; i < count; i++) {
    out[i] = source[at];
    for (let axis = shape.length - 1; axis >= 0; axis--) {
      index[axis]++;
      at += stride[axis];
      if (index[axis] < shape[axis]) break;
      at -= stride[axis] * shape[axis];
      index[axis] = 0;
    }
  }
  return out;
}
