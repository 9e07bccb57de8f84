// Set on every instance; `instanceof` reads it, so the check also holds across two copies of this
// package in one process (an ESM and a CJS build, or two installed versions).
const brand = Symbol.for('@tfode/errors.InvalidArgumentError');

/**
 * Bad input to any tfode function: an argument or option that cannot work. The message names the
 * argument and says what to change. Every tfode package throws this one class (or a subclass), so
 * one `catch (e) { if (e instanceof InvalidArgumentError) … }` covers them all.
 */
export class InvalidArgumentError extends Error {
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (this !== InvalidArgumentError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[brand] === true;
  }

  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    Object.defineProperty(this, brand, { value: true });
  }
}
