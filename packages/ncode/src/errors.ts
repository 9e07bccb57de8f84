/** A weight file (manifest or binary) that cannot be loaded into a model; the message says what is wrong. */
export class WeightFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WeightFileError';
  }
}
