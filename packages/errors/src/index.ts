export { InvalidArgumentError } from './invalid-argument-error';
