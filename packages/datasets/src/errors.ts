// A caller passed an option or array that cannot work: the family's one InvalidArgumentError.
export { InvalidArgumentError } from '@tfode/errors';

/** A data file is missing, unreadable or malformed; `path` names it and `problem` says what is wrong. */
export class DataFileError extends Error {
  override name = 'DataFileError';
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${path}: ${problem}`);
  }
}

/** A downloaded file's SHA-256 differs from the published one; the partial file has been deleted. */
export class ChecksumMismatchError extends DataFileError {
  override name = 'ChecksumMismatchError';
  constructor(
    path: string,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(path, `SHA-256 ${actual} does not match the published ${expected}; the file was deleted, download it again`);
  }
}

/** A download could not be completed (network error, HTTP status); what arrived is kept for resuming. */
export class DownloadError extends Error {
  override name = 'DownloadError';
  constructor(
    readonly url: string,
    readonly problem: string,
  ) {
    super(`${url}: ${problem}`);
  }
}

/** A server sent more bytes than the file may hold (its known size, else the `maxBytes` limit); the partial file has been deleted. */
export class DownloadTooLargeError extends DownloadError {
  override name = 'DownloadTooLargeError';
  constructor(
    url: string,
    readonly limit: number,
  ) {
    super(url, `sent more than the ${limit} bytes this file may hold; the partial file was deleted`);
  }
}
