import { describe, expect, it } from 'vitest';
import { FidFileError } from './errors';
import { unpickle } from './pickle';
import { op, pickle, pickleString, uint32 } from './node/test-files';

const plain = {
  resolveGlobal: (): never => {
    throw new FidFileError('no globals here');
  },
};
const load = (body: ArrayLike<number>, limits = {}) => unpickle(pickle(body), { ...plain, limits }).value;

describe('unpickle on hostile input', () => {
  it('decodes LONG1/LONG4 two’s complement exactly, also 200 000 bytes long (a quadratic decoder would hit the test timeout)', () => {
    const max256 = [...new Array<number>(31).fill(0xff), 0x7f];
    expect(load([op.LONG1, 32, ...max256])).toBe(2n ** 255n - 1n);
    expect(load([op.LONG1, 2, 0x00, 0x80])).toBe(-32768);
    expect(load([op.LONG1, 0])).toBe(0);
    const digits = new Array<number>(200_000).fill(0x5a);
    const value = load([op.LONG4, ...uint32(digits.length), ...digits], { maxLongBytes: digits.length }) as bigint;
    expect(value & 0xffn).toBe(0x5an);
    expect(value >> BigInt(8 * (digits.length - 1))).toBe(0x5an);
  });

  it('refuses a LONG longer than maxLongBytes (default 32) before reading it', () => {
    const digits = new Array<number>(200_000).fill(0x5a);
    expect(() => load([op.LONG4, ...uint32(digits.length), ...digits])).toThrow(/integer of 200000 bytes.*limit 32/);
    // Refused from the length alone: the same header with no payload at all gives the same error.
    expect(() => load([op.LONG4, ...uint32(digits.length)])).toThrow(/integer of 200000 bytes.*limit 32/);
    expect(() => load([op.LONG4, ...uint32(0xffffffff)])).toThrow(FidFileError);
    expect(() => load([op.LONG1, 33, ...new Array<number>(33).fill(1)])).toThrow(/integer of 33 bytes/);
  });

  it('bounds the stack and the memo', () => {
    expect(() => load(new Array<number>(200_001).fill(op.EMPTY_LIST))).toThrow(/stack holds more than 100000 items/);
    expect(() => load(new Array<number>(20).fill(op.MARK), { maxPickleStack: 10 })).toThrow(/stack holds more than 10 items/);
    const memoized = [op.EMPTY_LIST, ...new Array<number>(11).fill(op.MEMOIZE)];
    expect(() => load(memoized, { maxPickleMemo: 10 })).toThrow(/memo holds more than 10 entries/);
    expect(load(memoized.slice(0, 11), { maxPickleMemo: 10 })).toEqual([]);
  });

  it('throws its typed error on invalid UTF-8, marks used as values, and truncated arguments', () => {
    expect(() => load([op.SHORT_BINUNICODE, 2, 0xc3, 0x28])).toThrow(FidFileError);
    expect(() => load([op.MARK, op.TUPLE1])).toThrow(/stack underflow/);
    expect(() => load([...pickleString('abc').slice(0, 5)])).toThrow(/unexpected end of data/);
  });
});
