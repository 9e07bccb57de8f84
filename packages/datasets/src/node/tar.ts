import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { DataFileError } from '../errors';
import { readMaybeGzipped, type ReadLimits } from './data-file';

const BLOCK = 512;
const CHECKSUM_START = 148;
const CHECKSUM_LENGTH = 8;

/** A NUL-terminated text field of a header block. */
function textField(block: Buffer, start: number, length: number): string {
  const field = block.subarray(start, start + length);
  const end = field.indexOf(0);
  return field.subarray(0, end < 0 ? length : end).toString('utf8');
}

/** A numeric header field: octal digits padded by spaces, ended by a NUL or space; undefined when it is anything else. */
function octalField(block: Buffer, start: number, length: number): number | undefined {
  const digits = textField(block, start, length).trim();
  return /^[0-7]*$/.test(digits) ? parseInt(digits || '0', 8) : undefined;
}

/** Whether the header's checksum field holds the sum of its bytes, the field itself counted as spaces (unsigned, or signed as old tars wrote it). */
function checksumMatches(block: Buffer): boolean {
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < BLOCK; i++) {
    const byte = i >= CHECKSUM_START && i < CHECKSUM_START + CHECKSUM_LENGTH ? 0x20 : block[i];
    unsigned += byte;
    signed += byte < 0x80 ? byte : byte - 0x100;
  }
  const stored = octalField(block, CHECKSUM_START, CHECKSUM_LENGTH);
  return stored === unsigned || stored === signed;
}

/** `path` relative to `root` ('' for `root` itself); undefined when it lies outside. */
function within(root: string, path: string): string | undefined {
  const rel = relative(root, path);
  return rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel) ? undefined : rel;
}

interface TarFile {
  name: string;
  /** Where it goes inside the target folder, relative to it. */
  rel: string;
  data: Buffer;
}

/**
 * The regular files of an uncompressed ustar archive, every header checked first: its checksum,
 * its size field (octal, within the archive), and a name, and for links a target, inside `root`.
 */
function tarFiles(bytes: Buffer, archivePath: string, root: string, dir: string): TarFile[] {
  const files: TarFile[] = [];
  for (let offset = 0; offset + BLOCK <= bytes.length; ) {
    const header = bytes.subarray(offset, offset + BLOCK);
    if (header.every((b) => b === 0)) break; // end-of-archive marker
    const refuse = (problem: string) => new DataFileError(archivePath, `tar entry at byte ${offset}: ${problem}`);
    if (!checksumMatches(header)) throw refuse('header checksum does not match; the archive is corrupt or not a tar file');
    const prefix = textField(header, 345, 155);
    const name = prefix ? `${prefix}/${textField(header, 0, 100)}` : textField(header, 0, 100);
    const size = octalField(header, 124, 12);
    if (size === undefined) throw refuse(`"${name}" has a size field that is not an octal number`);
    if (offset + BLOCK + size > bytes.length) throw refuse(`"${name}" needs ${size} bytes, past the end of the archive; it is truncated`);
    const type = String.fromCharCode(header[156] || 0x30);
    const rel = isAbsolute(name) ? undefined : within(root, resolve(root, name));
    if (rel === undefined) throw refuse(`"${name}" would land outside ${dir}`);
    if (type === '1' || type === '2') {
      const link = textField(header, 157, 100);
      const linked = type === '1' ? resolve(root, link) : resolve(dirname(resolve(root, name)), link);
      if (isAbsolute(link) || within(root, linked) === undefined) throw refuse(`link "${name}" points to "${link}", outside ${dir}`);
    }
    if (type === '0' || type === '7') {
      if (rel === '') throw refuse(`"${name}" names the target folder itself, not a file`);
      files.push({ name, rel, data: bytes.subarray(offset + BLOCK, offset + BLOCK + size) });
    }
    offset += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
  }
  return files;
}

/**
 * Extracts the regular files of a (gzipped) POSIX ustar archive into `dir`, each written to a
 * temporary name and renamed, so no half-written file ever carries its final name. Returns the
 * extracted paths. Nothing is written from an archive that holds, anywhere, a header whose
 * checksum or size field is wrong, an entry longer than the archive, a name that is absolute or
 * leads outside `dir`, or a hard or symbolic link pointing outside `dir` (links are never
 * created): each throws a `DataFileError`. The archive, once gunzipped, must fit in `limits.maxBytes`.
 */
export async function extractTar(archivePath: string, dir: string, limits: ReadLimits = {}): Promise<string[]> {
  const files = tarFiles(await readMaybeGzipped(archivePath, limits), archivePath, resolve(dir), dir);
  const written: string[] = [];
  for (const { name, rel, data } of files) {
    const target = join(dir, rel);
    try {
      await mkdir(dirname(target), { recursive: true });
      await writeFile(`${target}.part`, data);
      await rename(`${target}.part`, target);
    } catch (error) {
      throw new DataFileError(archivePath, `cannot write the entry "${name}" to ${target} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
    }
    written.push(target);
  }
  return written;
}
