// A caller passed an option or array that cannot work: the family's one InvalidArgumentError.
export { InvalidArgumentError } from '@tfode/errors';

/** Data (a file, or bytes from anywhere) is missing, unreadable or malformed; `path` names it and `problem` says what is wrong. */
export class DataFileError extends Error {
  override name = 'DataFileError';
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${path}: ${problem}`);
  }
}
