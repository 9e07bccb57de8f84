// The published packages as a user gets them: every packages/* project that is not private, packed by
// the workspace's pinned pnpm (which runs each prepack and turns `workspace:` ranges into versions).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const workspaceRoot = fileURLToPath(new URL('../../../../', import.meta.url));

export interface PackageManifest {
  name: string;
  version: string;
  private?: boolean;
  [field: string]: unknown;
}

export interface PublishedPackage {
  /** The folder under packages/. */
  folder: string;
  manifest: PackageManifest;
}

export interface PackedPackage extends PublishedPackage {
  tarball: string;
}

export function readManifest(dir: string): PackageManifest {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as PackageManifest;
}

export function publishedPackages(): PublishedPackage[] {
  return readdirSync(join(workspaceRoot, 'packages'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => ({ folder: entry.name, manifest: readManifest(join(workspaceRoot, 'packages', entry.name)) }))
    .filter(({ manifest }) => manifest.private !== true);
}

/** `npx` arguments that run the workspace's pinned pnpm (root package.json `packageManager`). */
export function pinnedPnpm(): string[] {
  const version = (readManifest(workspaceRoot).packageManager as string).split('@')[1]!;
  return ['-y', `pnpm@${version}`];
}

/** Packs every published package into `destination` (one pnpm call) and returns where each tarball is. */
export function packPublished(destination: string): PackedPackage[] {
  const packages = publishedPackages();
  const filters = packages.flatMap(({ manifest }) => ['--filter', manifest.name]);
  execFileSync('npx', [...pinnedPnpm(), '-r', ...filters, 'pack', '--pack-destination', destination], {
    cwd: workspaceRoot,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return packages.map((pkg) => ({
    ...pkg,
    tarball: join(destination, `${pkg.manifest.name.replace(/^@/, '').replace('/', '-')}-${pkg.manifest.version}.tgz`),
  }));
}
