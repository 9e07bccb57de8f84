import { InvalidArgumentError } from '@tfode/errors';

export { InvalidArgumentError };

/** Bad input to a score: wrong shapes, NaN, mismatched dimensions. The message says what to change. */
export class FidInputError extends InvalidArgumentError {}

/** A weight, statistics or image file that is missing, malformed, or does not match what we expect. */
export class FidFileError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'FidFileError';
  }
}

/**
 * Runs a parser of untrusted bytes. The parsers check what they read, but an engine error they did
 * not foresee on odd input (a RangeError or TypeError: too deep, too long, the wrong type) still
 * becomes a FidFileError naming `label`, with the original as its cause.
 */
export async function parsingFile<T>(label: string, parse: () => Promise<T>): Promise<T> {
  try {
    return await parse();
  } catch (error) {
    if (error instanceof RangeError || error instanceof TypeError) {
      throw new FidFileError(`${label}: malformed file (${error.message})`, { cause: error });
    }
    throw error;
  }
}
