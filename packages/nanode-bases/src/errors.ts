/** Thrown for arguments outside what a function accepts; the message says what to change. */
export class InvalidArgumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidArgumentError';
  }
}
