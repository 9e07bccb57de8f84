import { MissingDependencyError } from './errors';

/**
 * Loads an optional package with `load` (a dynamic import or a resolve) when a loader first needs it;
 * any failure becomes a `MissingDependencyError` telling what to install.
 */
export async function optionalDependency<T>(dependency: string, feature: string, load: () => T | Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    throw new MissingDependencyError(dependency, feature, error);
  }
}
