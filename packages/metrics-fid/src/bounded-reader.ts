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
    this.need(n);
    this.pos += n;
    return this.bytes.subarray(this.pos - n, this.pos);
  }

  u8(): number {
    this.need(1);
    return this.bytes[this.pos++];
  }

  u16(): number {
    this.need(2);
    this.pos += 2;
    return this.view.getUint16(this.pos - 2, true);
  }

  u32(): number {
    this.need(4);
    this.pos += 4;
    return this.view.getUint32(this.pos - 4, true);
  }

  i32(): number {
    this.need(4);
    this.pos += 4;
    return this.view.getInt32(this.pos - 4, true);
  }

  /** An unsigned 64-bit value; beyond 2^53 it cannot be an offset or a size in memory, so it fails. */
  u64(): number {
    this.need(8);
    this.pos += 8;
    const value = this.view.getBigUint64(this.pos - 8, true);
    return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : this.fail('64-bit value beyond 2^53');
  }

  i64(): bigint {
    this.need(8);
    this.pos += 8;
    return this.view.getBigInt64(this.pos - 8, true);
  }

  f64BigEndian(): number {
    this.need(8);
    this.pos += 8;
    return this.view.getFloat64(this.pos - 8, false);
  }

  private need(n: number): void {
    if (!Number.isSafeInteger(n) || n < 0 || this.pos + n > this.bytes.length) this.fail('unexpected end of data');
  }
}
