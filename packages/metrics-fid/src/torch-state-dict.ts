/**
 * Reads a PyTorch state dict saved by `torch.save` without Python: the zip format of torch ≥ 1.6
 * (`<archive>/data.pkl` + raw storages `<archive>/data/<key>`) and the legacy format before it
 * (five pickles: magic, protocol, system info, the object, storage keys; then the raw storages).
 */
import { BoundedReader } from './bounded-reader';
import { asUint8Array, type Bytes } from './bytes';
import { FidFileError, parsingFile } from './errors';
import { type PickleCallable, unpickle, type UnpickleOptions } from './pickle';
import { type ReaderLimits, readerLimits } from './reader-limits';
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

/**
 * Parses the bytes of a `.pth` file holding a flat dict of tensors (a `state_dict()`). Strided views
 * (any non-negative strides, 0 included, as `expand()` saves them) are copied out in row-major order;
 * offsets, sizes and strides are checked against the storage, and no tensor may hold more than
 * `limits.maxTensorElements` elements. Anything else malformed ends in a FidFileError.
 */
export function readTorchStateDict(bytes: Bytes, label = 'torch file', limits: Partial<ReaderLimits> = {}): Promise<Map<string, TorchTensor>> {
  return parsingFile(label, () => parseStateDict(asUint8Array(bytes), label, readerLimits(limits)));
}

async function parseStateDict(bytes: Uint8Array, label: string, limits: ReaderLimits): Promise<Map<string, TorchTensor>> {
  const fail = (what: string): never => {
    throw new FidFileError(`${label}: ${what}`);
  };
  const options: UnpickleOptions = {
    resolveGlobal: (module: string, name: string) => resolveTorchGlobal(module, name, label),
    persistentLoad: (pid: unknown) => storageFromPersistentId(pid, label),
    build: (target: unknown) => {
      // OrderedDict state is the state dict's `_metadata` (module versions), not needed here.
      if (!(target instanceof Map)) fail('BUILD on something other than an OrderedDict');
    },
    limits,
  };
  let root: unknown;
  let storageBytes: (key: string) => Uint8Array;
  if (isZip(bytes)) {
    const entries = await readZipEntries(bytes, label, limits);
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
  const storages = new StorageElements(storageBytes!, label);
  const result = new Map<string, TorchTensor>();
  for (const [key, value] of root as Map<unknown, unknown>) {
    if (typeof key !== 'string') fail(`a state dict key is a ${describe(key)}, not a string`);
    if (!isPendingTensor(value)) fail(`entry "${key as string}" is a ${describe(value)}, not a tensor`);
    result.set(key as string, materialize(key as string, value as PendingTensor, storages, limits, label));
  }
  return result;
}

/** What a pickled value is, without printing it (a nested or cyclic value could be huge). */
function describe(value: unknown): string {
  if (value === null) return 'None';
  if (Array.isArray(value)) return 'tuple or list';
  if (value instanceof Map) return 'dict';
  return typeof value;
}

function readLegacy(bytes: Uint8Array, options: UnpickleOptions, label: string) {
  const fail = (what: string): never => {
    throw new FidFileError(`${label}: ${what}`);
  };
  const plain = { resolveGlobal: options.resolveGlobal, limits: options.limits };
  const magic = unpickle(bytes, plain);
  if ((typeof magic.value !== 'number' && typeof magic.value !== 'bigint') || BigInt(magic.value) !== LEGACY_MAGIC) {
    fail('neither a zip archive nor a legacy torch file (wrong magic number)');
  }
  const protocol = unpickle(bytes, plain, magic.end);
  if (protocol.value !== 1001) fail(`unsupported legacy torch protocol ${typeof protocol.value === 'number' ? protocol.value : describe(protocol.value)}`);
  const sysInfo = unpickle(bytes, plain, protocol.end);
  if (sysInfo.value instanceof Map && sysInfo.value.get('little_endian') === false) fail('big-endian torch files are not supported');
  const object = unpickle(bytes, options, sysInfo.end);
  const keys = unpickle(bytes, plain, object.end);
  if (!Array.isArray(keys.value)) fail('legacy storage key list missing');
  // Each storage: int64 element count, then the elements; element size from the storage type.
  const elementBytes = new Map<string, number>();
  if (object.value instanceof Map) {
    for (const value of object.value.values()) if (isPendingTensor(value)) elementBytes.set(value.storage.key, bytesPerElement(value.storage.dtype));
  }
  const storages = new Map<string, Uint8Array>();
  const reader = new BoundedReader(bytes, () => fail('legacy storages run past the end of the file')).seek(keys.end);
  for (const key of keys.value as unknown[]) {
    if (typeof key !== 'string') fail(`legacy storage key is a ${describe(key)}, not a string`);
    const size = elementBytes.get(key as string);
    if (size === undefined || reader.pos + 8 > bytes.length) fail(`legacy storage ${key as string} is not referenced or truncated`);
    const count = reader.i64();
    if (count < 0n || count * BigInt(size!) > BigInt(bytes.length - reader.pos)) fail(`legacy storage ${key as string} runs past the end of the file`);
    storages.set(key as string, reader.take(Number(count) * size!));
  }
  const storageBytes = (key: string) => storages.get(key) ?? fail(`legacy storage ${key} missing`);
  return { root: object.value, storageBytes };
}

function bytesPerElement(dtype: TorchDType): number {
  return Object.values(STORAGE_TYPES).find((t) => t.dtype === dtype)!.bytes;
}

function resolveTorchGlobal(module: string, name: string, label: string): PickleCallable {
  const qualified = `${module}.${name}`;
  const malformed = (): never => {
    throw new FidFileError(`${label}: malformed ${qualified} arguments`);
  };
  if (qualified === 'collections.OrderedDict') {
    return {
      name: qualified,
      call: ([items]) => {
        if (items === undefined) return new Map();
        if (!Array.isArray(items) || !items.every((item) => Array.isArray(item) && item.length === 2)) malformed();
        return new Map(items as [unknown, unknown][]);
      },
    };
  }
  if (qualified === 'torch._utils._rebuild_tensor_v2' || qualified === 'torch._utils._rebuild_tensor') {
    return {
      name: qualified,
      call: ([storage, offset, shape, stride]) => {
        if (!isStorage(storage) || !Array.isArray(shape) || !Array.isArray(stride)) malformed();
        const tensor: PendingTensor = { kind: 'tensor', storage, offset, shape, stride } as PendingTensor;
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
  const typeName = (pid[1] as PickleCallable | null)?.name;
  const type = typeof typeName === 'string' ? STORAGE_TYPES[typeName.replace(/^torch\./, '')] : undefined;
  if (type === undefined) throw new FidFileError(`${label}: unsupported storage type ${typeof typeName === 'string' ? typeName : describe(typeName)}`);
  if (typeof pid[2] !== 'string') throw new FidFileError(`${label}: storage key is a ${describe(pid[2])}, not a string`);
  // Legacy views of a root storage carry (view key, element offset, length); the bytes live under the root key.
  const viewMetadata = pid[5];
  let view: StorageRef['view'];
  if (Array.isArray(viewMetadata)) {
    const [, offset, length] = viewMetadata;
    if (!isCount(offset) || !isCount(length)) throw new FidFileError(`${label}: malformed legacy storage view of ${pid[2]}`);
    view = { offset, length };
  }
  return { kind: 'storage', dtype: type.dtype, key: pid[2], view };
}

function isStorage(value: unknown): value is StorageRef {
  return typeof value === 'object' && value !== null && (value as StorageRef).kind === 'storage';
}

function isPendingTensor(value: unknown): value is PendingTensor {
  return typeof value === 'object' && value !== null && (value as PendingTensor).kind === 'tensor';
}

/** A size, stride, offset or length: a non-negative integer that is exact in a double. */
function isCount(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

type Typed = TorchTensor['data'];

/** Each storage's bytes as typed elements, converted once however many tensors view it. */
class StorageElements {
  private readonly converted = new Map<string, Typed>();

  constructor(
    private readonly storageBytes: (key: string) => Uint8Array,
    private readonly label: string,
  ) {}

  of(storage: StorageRef): Typed {
    const id = `${storage.dtype}:${storage.key}`;
    let elements = this.converted.get(id);
    if (elements === undefined) {
      const raw = this.storageBytes(storage.key);
      const size = bytesPerElement(storage.dtype);
      if (raw.length % size !== 0) {
        throw new FidFileError(`${this.label}: storage ${storage.key} holds ${raw.length} bytes, not a whole number of ${size}-byte elements`);
      }
      elements = typedView(storage.dtype, raw);
      this.converted.set(id, elements);
    }
    const { view } = storage;
    if (view === undefined) return elements;
    if (view.offset + view.length > elements.length) {
      throw new FidFileError(`${this.label}: legacy view of storage ${storage.key} runs past its ${elements.length} elements`);
    }
    return elements.subarray(view.offset, view.offset + view.length);
  }
}

/** Checks the view against its storage and the element limit, then copies it out row-major. */
function materialize(name: string, pending: PendingTensor, storages: StorageElements, limits: ReaderLimits, label: string): TorchTensor {
  const { storage, offset, shape, stride } = pending;
  const fail = (what: string): never => {
    throw new FidFileError(`${label}: tensor "${name}" ${what}`);
  };
  if (!isCount(offset)) fail(`has storage offset ${String(offset)}; offsets are non-negative integers`);
  if (!shape.every(isCount) || !stride.every(isCount)) fail('has sizes or strides that are not non-negative integers');
  if (shape.length !== stride.length) fail(`has ${shape.length} sizes but ${stride.length} strides`);
  const count = shape.includes(0) ? 0 : shape.reduce((a, b) => a * b, 1);
  if (count > limits.maxTensorElements) fail(`has ${count} elements, more than the limit ${limits.maxTensorElements} (maxTensorElements)`);
  const source = storages.of(storage);
  let last = offset;
  shape.forEach((n, i) => (last += (n - 1) * stride[i]));
  if (count > 0 && last >= source.length) fail(`runs past its storage (${source.length} elements)`);
  return { dtype: storage.dtype, shape: [...shape], data: gatherStrided(source, offset, shape, stride, count) };
}

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

/**
 * The `count` elements of the view (offset, shape, stride) in row-major order, as torch's
 * `contiguous()` would give them; strides may be 0 (expanded dimensions). Size-1 dimensions do not
 * move the address and are dropped first, so the work is proportional to `count`.
 */
function gatherStrided(source: Typed, offset: number, shape: number[], stride: number[], count: number): Typed {
  const sizes = shape.filter((n) => n !== 1);
  const steps = stride.filter((_, axis) => shape[axis] !== 1);
  let expected = 1;
  let contiguous = true;
  for (let axis = sizes.length - 1; axis >= 0; axis--) {
    if (steps[axis] !== expected) contiguous = false;
    expected *= sizes[axis];
  }
  if (contiguous || count === 0) return source.slice(offset, offset + count);
  const out = new (source.constructor as new (length: number) => Typed)(count);
  const index = new Array<number>(sizes.length).fill(0);
  let at = offset;
  for (let i = 0; i < count; i++) {
    out[i] = source[at];
    for (let axis = sizes.length - 1; axis >= 0; axis--) {
      index[axis]++;
      at += steps[axis];
      if (index[axis] < sizes[axis]) break;
      at -= steps[axis] * sizes[axis];
      index[axis] = 0;
    }
  }
  return out;
}
