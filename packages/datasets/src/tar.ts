import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, normalize, sep } from 'node:path';
import { DataFileError } from './errors';
import { readMaybeGzipped } from './data-file';

const BLOCK = 512;

/**
 * Extracts the regular files of a (gzipped) POSIX ustar archive into `dir`, each written to a
 * temporary name and renamed, so no half-written file ever carries its final name. Returns the
 * extracted paths.
 */
export async function extractTar(archivePath: string, dir: string): Promise<string[]> {
  const bytes = await readMaybeGzipped(archivePath);
  const text = (start: number, length: number) => {
    const field = bytes.subarray(start, start + length);
    const end = field.indexOf(0);
    return field.subarray(0, end < 0 ? length : end).toString('utf8');
  };
  const written: string[] = [];
  for (let offset = 0; offset + BLOCK <= bytes.length; ) {
    if (bytes.subarray(offset, offset + BLOCK).every((b) => b === 0)) break; // end-of-archive marker
    const prefix = text(offset + 345, 155);
    const name = prefix ? `${prefix}/${text(offset, 100)}` : text(offset, 100);
    const size = parseInt(text(offset + 124, 12).trim() || '0', 8);
    const type = String.fromCharCode(bytes[offset + 156] || 0x30);
    if (!Number.isFinite(size) || offset + BLOCK + size > bytes.length) throw new DataFileError(archivePath, `truncated tar archive at entry "${name}"`);
    const target = normalize(join(dir, name));
    if (isAbsolute(name) || !target.startsWith(normalize(dir) + sep)) throw new DataFileError(archivePath, `entry "${name}" would land outside ${dir}`);
    if (type === '0' || type === '7') {
      await mkdir(dirname(target), { recursive: true });
      await writeFile(`${target}.part`, bytes.subarray(offset + BLOCK, offset + BLOCK + size));
      await rename(`${target}.part`, target);
      written.push(target);
    }
    offset += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
  }
  return written;
}
