/** Bad input: wrong shapes, NaN, mismatched dimensions. The message says what to change. */
export class FidInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FidInputError';
  }
}

/** A weight, statistics or image file that is missing, malformed, or does not match what we expect. */
export class FidFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FidFileError';
  }
}
