/**
 * Little-endian reads from bytes held in memory, at a cursor that only moves inside them: a read or
 * seek past the end calls `fail` (which throws the reader's typed error), never a RangeError.
 */
export class BoundedReader {
  pos = 0;
  private readonly view: DataView;

  constructor(
    readonly bytes: Uint8Array,
    private readonly fail: (what: string) => never,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** Moves the cursor to `pos`, which must lie inside the bytes (or just past the last one). */
  seek(pos: number): this {
    if (!Number.isSafeInteger(pos) || pos < 0 || pos > this.bytes.length) this.fail(`offset ${pos} lies outside the ${this.bytes.length} bytes`);
    this.pos = pos;
    return this;
  }

  /** The next `n` bytes, as a view. */
  take(n: number): Uint8Array {
    return this.bytes.subarray(this.advance(n), this.pos);
  }

  u8(): number {
    return this.bytes[this.advance(1)];
  }

  u16(): number {
    return this.view.getUint16(this.advance(2), true);
  }

  u32(): number {
    return this.view.getUint32(this.advance(4), true);
  }

  i32(): number {
    return this.view.getInt32(this.advance(4), true);
  }

  /** An unsigned 64-bit value; beyond 2^53 it cannot be an offset or a size in memory, so it fails. */
  u64(): number {
    const value = this.view.getBigUint64(this.advance(8), true);
    return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : this.fail('64-bit value beyond 2^53');
  }

  i64(): bigint {
    return this.view.getBigInt64(this.advance(8), true);
  }

  f64BigEndian(): number {
    return this.view.getFloat64(this.advance(8), false);
  }

  /** Moves past n bytes and returns where they start. */
  private advance(n: number): number {
    this.need(n);
    this.pos += n;
    return this.pos - n;
  }

  private need(n: number): void {
    if (!Number.isSafeInteger(n) || n < 0 || this.pos + n > this.bytes.length) this.fail('unexpected end of data');
  }
}
