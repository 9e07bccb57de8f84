// Small data files built in memory, as each format's spec writes them, for this package's tests
// (not part of the public surface).

/** An IDX file: big-endian magic, one uint32 per dimension, then the bytes. */
export function idxFile(magic: number, dims: number[], data: Uint8Array): Buffer {
  const header = Buffer.alloc(4 + 4 * dims.length);
  header.writeUInt32BE(magic, 0);
  dims.forEach((d, i) => header.writeUInt32BE(d, 4 + 4 * i));
  return Buffer.concat([header, data]);
}

/** A CIFAR-10 record: label byte, then 1024 red, 1024 green, 1024 blue bytes. */
export function cifarRecord(label: number, red: (p: number) => number, green: (p: number) => number, blue: (p: number) => number): Buffer {
  const bytes = Buffer.alloc(3073);
  bytes[0] = label;
  for (let p = 0; p < 1024; p++) {
    bytes[1 + p] = red(p);
    bytes[1025 + p] = green(p);
    bytes[2049 + p] = blue(p);
  }
  return bytes;
}

export interface TarFields {
  /** The type flag: '0' regular file (default), '1' hard link, '2' symlink, '5' directory. */
  type?: string;
  linkname?: string;
  /** The raw 12-byte size field (written as latin1), to write a malformed one; by default the body's length in octal. */
  size?: string;
  /** The raw 8-byte checksum field; by default the correct one. */
  checksum?: string;
}

/** One ustar entry: its 512-byte header, then `body` padded to whole 512-byte blocks. */
export function tarEntry(name: string, body: Uint8Array = new Uint8Array(0), fields: TarFields = {}): Buffer {
  const header = Buffer.alloc(512);
  header.write(name, 0, 100);
  header.write('0000644\0', 100);
  header.write('0000000\0', 108);
  header.write('0000000\0', 116);
  header.write(fields.size ?? `${body.length.toString(8).padStart(11, '0')}\0`, 124, 12, 'latin1');
  header.write('00000000000\0', 136);
  header.write(fields.type ?? '0', 156);
  header.write(fields.linkname ?? '', 157, 100);
  header.write('ustar\x0000', 257);
  header.write(' '.repeat(8), 148);
  const sum = header.reduce((total, byte) => total + byte, 0);
  header.write(fields.checksum ?? `${sum.toString(8).padStart(6, '0')}\0 `, 148, 8);
  return Buffer.concat([header, body, Buffer.alloc((512 - (body.length % 512)) % 512)]);
}

/** A tar archive of the entries, closed by the two zero blocks of the end-of-archive marker. */
export function tarArchive(...entries: Buffer[]): Buffer {
  return Buffer.concat([...entries, Buffer.alloc(1024)]);
}
