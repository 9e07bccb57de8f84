/**
 * The subset of Python's pickle virtual machine that torch state dicts use (protocols 2–4).
 * Nothing is ever evaluated: GLOBAL names are handed to `resolveGlobal`, which returns a plain
 * JavaScript callable for the few names the caller accepts, and persistent ids (torch storages) go
 * to `persistentLoad`. Tuples and lists both become arrays, dicts become Maps.
 */
import { FidFileError } from './errors';

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
}

/** Result of one pickle and the offset just after its STOP opcode (torch's legacy files hold several). */
export interface UnpickleResult {
  value: unknown;
  end: number;
}

const MARK = Symbol('mark');
const textDecoder = new TextDecoder('utf-8', { fatal: true });

export function unpickle(bytes: Uint8Array, options: UnpickleOptions, start = 0): UnpickleResult {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const stack: unknown[] = [];
  const memo = new Map<number, unknown>();
  let pos = start;

  const fail = (what: string): never => {
    throw new FidFileError(`pickle: ${what} at byte ${pos}; the file is not a plain torch state dict or is corrupt`);
  };
  const need = (n: number) => {
    if (pos + n > bytes.length) fail('unexpected end of data');
  };
  const u8 = () => (need(1), bytes[pos++]);
  const u16 = () => (need(2), (pos += 2), view.getUint16(pos - 2, true));
  const u32 = () => (need(4), (pos += 4), view.getUint32(pos - 4, true));
  const i32 = () => (need(4), (pos += 4), view.getInt32(pos - 4, true));
  const take = (n: number) => (need(n), (pos += n), bytes.subarray(pos - n, pos));
  const line = () => {
    const end = bytes.indexOf(0x0a, pos);
    if (end < 0) fail('unterminated text argument');
    const text = textDecoder.decode(bytes.subarray(pos, end));
    pos = end + 1;
    return text;
  };
  const pop = () => (stack.length === 0 ? fail('stack underflow') : stack.pop());
  const top = () => (stack.length === 0 ? fail('stack underflow') : stack[stack.length - 1]);
  const popMark = (): unknown[] => {
    const at = stack.lastIndexOf(MARK);
    if (at < 0) fail('MARK expected');
    const items = stack.splice(at);
    items.shift();
    return items;
  };
  const asMap = (target: unknown): Map<unknown, unknown> => (target instanceof Map ? target : fail('SETITEM(S) on a non-dict'));
  const asList = (target: unknown): unknown[] => (Array.isArray(target) ? target : fail('APPEND(S) on a non-list'));
  const global = (module: string, name: string) => stack.push(options.resolveGlobal(module, name));

  for (;;) {
    const opcode = u8();
    switch (opcode) {
      case 0x80: // PROTO
        if (u8() > 5) fail('unsupported pickle protocol');
        break;
      case 0x95: // FRAME (protocol 4): only a length hint
        take(8);
        break;
      case 0x2e: // STOP
        return { value: pop(), end: pos };
      case 0x28: // MARK
        stack.push(MARK);
        break;
      case 0x30: // POP
        pop();
        break;
      case 0x31: // POP_MARK
        popMark();
        break;
      case 0x32: // DUP
        stack.push(top());
        break;
      case 0x4e: // NONE
        stack.push(null);
        break;
      case 0x88: // NEWTRUE
        stack.push(true);
        break;
      case 0x89: // NEWFALSE
        stack.push(false);
        break;
      case 0x4b: // BININT1
        stack.push(u8());
        break;
      case 0x4d: // BININT2
        stack.push(u16());
        break;
      case 0x4a: // BININT
        stack.push(i32());
        break;
      case 0x8a: // LONG1
        stack.push(littleEndianSigned(take(u8())));
        break;
      case 0x8b: // LONG4
        stack.push(littleEndianSigned(take(u32())));
        break;
      case 0x47: // BINFLOAT (big-endian)
        need(8);
        stack.push(view.getFloat64(pos, false));
        pos += 8;
        break;
      case 0x58: // BINUNICODE
        stack.push(textDecoder.decode(take(u32())));
        break;
      case 0x8c: // SHORT_BINUNICODE
        stack.push(textDecoder.decode(take(u8())));
        break;
      case 0x43: // SHORT_BINBYTES
        stack.push(take(u8()).slice());
        break;
      case 0x42: // BINBYTES
        stack.push(take(u32()).slice());
        break;
      case 0x55: // SHORT_BINSTRING (Python 2 str)
        stack.push(textDecoder.decode(take(u8())));
        break;
      case 0x29: // EMPTY_TUPLE
        stack.push([]);
        break;
      case 0x85: // TUPLE1
        stack.push([pop()]);
        break;
      case 0x86: {
        // TUPLE2
        const b = pop();
        stack.push([pop(), b]);
        break;
      }
      case 0x87: {
        // TUPLE3
        const c = pop();
        const b = pop();
        stack.push([pop(), b, c]);
        break;
      }
      case 0x74: // TUPLE
      case 0x6c: // LIST
        stack.push(popMark());
        break;
      case 0x5d: // EMPTY_LIST
        stack.push([]);
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
        asList(top()).push(...items);
        break;
      }
      case 0x7d: // EMPTY_DICT
        stack.push(new Map());
        break;
      case 0x64: {
        // DICT
        const items = popMark();
        const map = new Map<unknown, unknown>();
        for (let i = 0; i + 1 < items.length; i += 2) map.set(items[i], items[i + 1]);
        stack.push(map);
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
        memo.set(u8(), top());
        break;
      case 0x72: // LONG_BINPUT
        memo.set(u32(), top());
        break;
      case 0x94: // MEMOIZE
        memo.set(memo.size, top());
        break;
      case 0x68: // BINGET
      case 0x6a: {
        // LONG_BINGET
        const key = opcode === 0x68 ? u8() : u32();
        if (!memo.has(key)) fail(`memo entry ${key} missing`);
        stack.push(memo.get(key));
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
        stack.push((callable as PickleCallable).call(args as unknown[]));
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
        stack.push(options.persistentLoad!(pop()));
        break;
      default:
        fail(`unsupported pickle opcode 0x${opcode.toString(16).padStart(2, '0')}`);
    }
  }
}

function isCallable(value: unknown): value is PickleCallable {
  return typeof value === 'object' && value !== null && typeof (value as PickleCallable).call === 'function';
}

/** Two's-complement little-endian integer; a number when it is exactly representable, else a bigint. */
function littleEndianSigned(digits: Uint8Array): number | bigint {
  if (digits.length === 0) return 0;
  let value = 0n;
  for (let i = digits.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(digits[i]);
  if (digits[digits.length - 1] & 0x80) value -= 1n << BigInt(8 * digits.length);
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}
