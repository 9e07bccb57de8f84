import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from './invalid-argument-error';

class NarrowerError extends InvalidArgumentError {}

describe('InvalidArgumentError', () => {
  it('is an Error with its own name, message and cause', () => {
    const cause = new RangeError('inner');
    const error = new InvalidArgumentError('rtol must be positive', { cause });
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error.name).toBe('InvalidArgumentError');
    expect(error.message).toBe('rtol must be positive');
    expect(error.cause).toBe(cause);
    expect(error.stack).toContain('rtol must be positive');
  });

  it('subclasses keep their name and a narrow instanceof', () => {
    const narrow = new NarrowerError('x');
    expect(narrow.name).toBe('NarrowerError');
    expect(narrow).toBeInstanceOf(InvalidArgumentError);
    expect(narrow).toBeInstanceOf(NarrowerError);
    expect(new InvalidArgumentError('y')).not.toBeInstanceOf(NarrowerError);
  });

  it('other errors and non-objects are not instances', () => {
    for (const value of [new Error('x'), new TypeError('x'), 'InvalidArgumentError', null, undefined, 3, { name: 'InvalidArgumentError' }]) {
      expect(value instanceof InvalidArgumentError).toBe(false);
    }
  });

  it('instanceof holds across two loaded copies of the module (an ESM and a CJS build, two versions)', async () => {
    // The query makes vite load a second instance of the module; tsc resolves no such file.
    const secondCopy = './invalid-argument-error?second-copy';
    const copy = (await import(/* @vite-ignore */ secondCopy)) as { InvalidArgumentError: typeof InvalidArgumentError };
    expect(copy.InvalidArgumentError).not.toBe(InvalidArgumentError);
    expect(new copy.InvalidArgumentError('from the copy')).toBeInstanceOf(InvalidArgumentError);
    expect(new InvalidArgumentError('from this one')).toBeInstanceOf(copy.InvalidArgumentError);
  });
});
