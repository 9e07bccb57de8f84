// Bad input to a basis or layer: the family's one InvalidArgumentError.
export { InvalidArgumentError } from '@tfode/errors';
