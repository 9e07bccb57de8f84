/**
 * The subset of Python's pickle virtual machine that torch state dicts use (protocols 2–4).
 * Nothing is ever evaluated: GLOBAL names are handed to `resolveGlobal`, which returns a plain
 * JavaScript callable for the few names the caller accepts, and persistent ids (torch storages) go
 * to `persistentLoad`. Tuples and lists both become arrays, dicts become Maps. MARK starts a new
 * stack frame as in CPython, so a mark can never end up inside a value. The stack, the memo and the
 * length of integers are bounded (see `ReaderLimits`).
 */
import { BoundedReader } from './bounded-reader';
import { FidFileError } from './errors';
import { type ReaderLimits, readerLimits } from './reader-limits';

/** What `resolveGlobal` returns: REDUCE calls `call(args)`, BUILD calls `build(object, state)`. */
export interface PickleCallable {
  readonly name: string;
  call(args: unknown[]): unknown;
}

export interface UnpickleOptions {
  resolveGlobal(module: string, name: string): PickleCallable;
  persistentLoad?(pid: unknown): unknown;
  /** Applies BUILD's state to an object the caller created; default: error. */
  build?(target: unknown, state: unknown): void;
  limits?: Partial<ReaderLimits>;
}

/** Result of one pickle and the offset just after its STOP opcode (torch's legacy files hold several). */
export interface UnpickleResult {
  value: unknown;
  end: number;
}

const textDecoder = new TextDecoder('utf-8', { fatal: true });

export function unpickle(bytes: Uint8Array, options: UnpickleOptions, start = 0): UnpickleResult {
  const { maxLongBytes, maxPickleStack, maxPickleMemo } = readerLimits(options.limits);
  const memo = new Map<number, unknown>();
  // The current frame, the frames MARK set aside, and how many items those hold.
  let stack: unknown[] = [];
  const frames: unknown[][] = [];
  let framed = 0;

  const fail = (what: string): never => {
    throw new FidFileError(`pickle: ${what} at byte ${reader.pos}; the file is not a plain torch state dict or is corrupt`);
  };
  const reader = new BoundedReader(bytes, fail).seek(start);
  const text = (raw: Uint8Array) => {
    try {
      return textDecoder.decode(raw);
    } catch {
      return fail('invalid UTF-8 text');
    }
  };
  const line = () => {
    const end = bytes.indexOf(0x0a, reader.pos);
    if (end < 0) fail('unterminated text argument');
    const value = text(bytes.subarray(reader.pos, end));
    reader.seek(end + 1);
    return value;
  };
  const long = (length: number) => {
    if (length > maxLongBytes) fail(`integer of ${length} bytes (limit ${maxLongBytes})`);
    return littleEndianSigned(reader.take(length));
  };
  const push = (value: unknown) => {
    if (framed + frames.length + stack.length >= maxPickleStack) fail(`stack holds more than ${maxPickleStack} items`);
    stack.push(value);
  };
  const pop = () => (stack.length === 0 ? fail('stack underflow') : stack.pop());
  const top = () => (stack.length === 0 ? fail('stack underflow') : stack[stack.length - 1]);
  const mark = () => {
    if (framed + frames.length + stack.length >= maxPickleStack) fail(`stack holds more than ${maxPickleStack} items`);
    frames.push(stack);
    framed += stack.length;
    stack = [];
  };
  const popMark = (): unknown[] => {
    const items = stack;
    stack = frames.pop() ?? fail('MARK expected');
    framed -= stack.length;
    return items;
  };
  const memoize = (key: number, value: unknown) => {
    if (!memo.has(key) && memo.size >= maxPickleMemo) fail(`memo holds more than ${maxPickleMemo} entries`);
    memo.set(key, value);
  };
  const asMap = (target: unknown): Map<unknown, unknown> => (target instanceof Map ? target : fail('SETITEM(S) on a non-dict'));
  const asList = (target: unknown): unknown[] => (Array.isArray(target) ? target : fail('APPEND(S) on a non-list'));
  const global = (module: string, name: string) => push(options.resolveGlobal(module, name));

  for (;;) {
    const opcode = reader.u8();
    switch (opcode) {
      case 0x80: // PROTO
        if (reader.u8() > 5) fail('unsupported pickle protocol');
        break;
      case 0x95: // FRAME (protocol 4): only a length hint
        reader.take(8);
        break;
      case 0x2e: // STOP
        return { value: pop(), end: reader.pos };
      case 0x28: // MARK
        mark();
        break;
      case 0x30: // POP
        pop();
        break;
      case 0x31: // POP_MARK
        popMark();
        break;
      case 0x32: // DUP
        push(top());
        break;
      case 0x4e: // NONE
        push(null);
        break;
      case 0x88: // NEWTRUE
        push(true);
        break;
      case 0x89: // NEWFALSE
        push(false);
        break;
      case 0x4b: // BININT1
        push(reader.u8());
        break;
      case 0x4d: // BININT2
        push(reader.u16());
        break;
      case 0x4a: // BININT
        push(reader.i32());
        break;
      case 0x8a: // LONG1
        push(long(reader.u8()));
        break;
      case 0x8b: // LONG4
        push(long(reader.u32()));
        break;
      case 0x47: // BINFLOAT (big-endian)
        push(reader.f64BigEndian());
        break;
      case 0x58: // BINUNICODE
        push(text(reader.take(reader.u32())));
        break;
      case 0x8c: // SHORT_BINUNICODE
        push(text(reader.take(reader.u8())));
        break;
      case 0x43: // SHORT_BINBYTES
        push(reader.take(reader.u8()).slice());
        break;
      case 0x42: // BINBYTES
        push(reader.take(reader.u32()).slice());
        break;
      case 0x55: // SHORT_BINSTRING (Python 2 str)
        push(text(reader.take(reader.u8())));
        break;
      case 0x29: // EMPTY_TUPLE
        push([]);
        break;
      case 0x85: // TUPLE1
        push([pop()]);
        break;
      case 0x86: {
        // TUPLE2
        const b = pop();
        push([pop(), b]);
        break;
      }
      case 0x87: {
        // TUPLE3
        const c = pop();
        const b = pop();
        push([pop(), b, c]);
        break;
      }
      case 0x74: // TUPLE
      case 0x6c: // LIST
        push(popMark());
        break;
      case 0x5d: // EMPTY_LIST
        push([]);
        break;
      case 0x61: {
        // APPEND
        const item = pop();
        asList(top()).push(item);
        break;
      }
      case 0x65: {
        // APPENDS
        const items = popMark();
        const list = asList(top());
        for (const item of items) list.push(item);
        break;
      }
      case 0x7d: // EMPTY_DICT
        push(new Map());
        break;
      case 0x64: {
        // DICT
        const items = popMark();
        const map = new Map<unknown, unknown>();
        for (let i = 0; i + 1 < items.length; i += 2) map.set(items[i], items[i + 1]);
        push(map);
        break;
      }
      case 0x73: {
        // SETITEM
        const value = pop();
        const key = pop();
        asMap(top()).set(key, value);
        break;
      }
      case 0x75: {
        // SETITEMS
        const items = popMark();
        const map = asMap(top());
        for (let i = 0; i + 1 < items.length; i += 2) map.set(items[i], items[i + 1]);
        break;
      }
      case 0x71: // BINPUT
        memoize(reader.u8(), top());
        break;
      case 0x72: // LONG_BINPUT
        memoize(reader.u32(), top());
        break;
      case 0x94: // MEMOIZE
        memoize(memo.size, top());
        break;
      case 0x68: // BINGET
      case 0x6a: {
        // LONG_BINGET
        const key = opcode === 0x68 ? reader.u8() : reader.u32();
        if (!memo.has(key)) fail(`memo entry ${key} missing`);
        push(memo.get(key));
        break;
      }
      case 0x63: // GLOBAL "module\nname\n"
        global(line(), line());
        break;
      case 0x93: {
        // STACK_GLOBAL
        const name = pop();
        const module = pop();
        if (typeof module !== 'string' || typeof name !== 'string') fail('STACK_GLOBAL needs two strings');
        global(module as string, name as string);
        break;
      }
      case 0x52: {
        // REDUCE
        const args = pop();
        const callable = pop();
        if (!Array.isArray(args)) fail('REDUCE needs an argument tuple');
        if (!isCallable(callable)) fail('REDUCE on something that is not a known callable');
        push((callable as PickleCallable).call(args as unknown[]));
        break;
      }
      case 0x62: {
        // BUILD
        const state = pop();
        if (options.build === undefined) fail('BUILD is not expected here');
        options.build!(top(), state);
        break;
      }
      case 0x51: // BINPERSID
        if (options.persistentLoad === undefined) fail('persistent id without a loader');
        push(options.persistentLoad!(pop()));
        break;
      default:
        fail(`unsupported pickle opcode 0x${opcode.toString(16).padStart(2, '0')}`);
    }
  }
}

function isCallable(value: unknown): value is PickleCallable {
  return typeof value === 'object' && value !== null && typeof (value as PickleCallable).call === 'function';
}

const HEX_BYTES = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/**
 * Two's-complement little-endian integer; a number when it is exactly representable, else a bigint.
 * One hexadecimal parse keeps it linear in the length (shifting in byte by byte is quadratic).
 */
function littleEndianSigned(digits: Uint8Array): number | bigint {
  if (digits.length === 0) return 0;
  let hex = '';
  for (let i = digits.length - 1; i >= 0; i--) hex += HEX_BYTES[digits[i]];
  let value = BigInt(`0x${hex}`);
  if (digits[digits.length - 1] & 0x80) value -= 1n << BigInt(8 * digits.length);
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}
