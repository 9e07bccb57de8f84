import { readFile } from 'node:fs/promises';
import { FidFileError } from '../errors';

/** The bytes of the file at `path`; a file that cannot be read is a FidFileError naming it as a `kind` file. */
export async function readFileBytes(path: string, kind: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (error) {
    throw new FidFileError(`cannot read ${kind} file ${path}: ${(error as Error).message}`);
  }
}
