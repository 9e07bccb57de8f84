import { DataFileError } from '../errors';

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

/**
 * A loader needs an optional package that is not installed or does not load (`cause` says why):
 * `dependency` names the package, `feature` the function that needs it; the message says what to install.
 */
export class MissingDependencyError extends Error {
  override name = 'MissingDependencyError';
  constructor(
    readonly dependency: string,
    readonly feature: string,
    cause: unknown,
  ) {
    super(`${feature} needs the optional package ${dependency}, which could not be loaded (${cause instanceof Error ? cause.message : String(cause)}); install it: npm install ${dependency}`, { cause });
  }
}
