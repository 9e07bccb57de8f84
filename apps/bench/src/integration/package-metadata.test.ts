// The published packages' metadata and tarballs: what npm shows (repository, homepage, bugs, keywords,
// engines, LICENSE), the tfjs range each declares (the tfjs-core release the engine patches are
// guarded to), what each tarball holds (only files some entry reaches), and what publint and
// arethetypeswrong say of it.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, posix, relative } from 'node:path';
import { supportedTfjsVersion } from '@tfode/kernels';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packPublished, publishedPackages, readManifest, workspaceRoot, type PackageManifest, type PackedPackage } from './packed-packages';

const root = readManifest(workspaceRoot);
const repositoryUrl = (root.repository as { url: string }).url;
// The web address of the repository: the git URL without `git+` and `.git`.
const web = repositoryUrl.replace(/^git\+/, '').replace(/\.git$/, '');
const license = readFileSync(join(workspaceRoot, 'LICENSE'), 'utf8');

let scratch: string;
let packed: PackedPackage[];

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'tfode-tarballs-'));
  packed = packPublished(scratch);
  for (const { tarball, manifest } of packed) {
    console.log(`${manifest.name}: ${statSync(tarball).size} bytes packed`);
  }
}, 180_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The tarball unpacked (once) into the scratch folder; returns the package folder inside it. */
const unpacked = new Map<string, string>();
function unpack({ tarball }: { tarball: string }): string {
  if (!unpacked.has(tarball)) {
    const dir = join(scratch, posix.basename(tarball, '.tgz'));
    mkdirSync(dir);
    execFileSync('tar', ['xzf', tarball, '-C', dir]);
    unpacked.set(tarball, join(dir, 'package'));
  }
  return unpacked.get(tarball)!;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split('\\').join('/'));
}

/** Every path string in the manifest's exports, bin, main, module and types. */
function entryTargets(manifest: PackageManifest): string[] {
  const targets: string[] = [];
  const collect = (value: unknown): void => {
    if (typeof value === 'string') targets.push(posix.normalize(value));
    else if (value && typeof value === 'object') Object.values(value).forEach(collect);
  };
  collect([manifest.exports, manifest.bin, manifest.main, manifest.module, manifest.types]);
  return targets.filter((target) => target !== 'package.json');
}

/** The files a module imports by relative path (chunks, declaration files). */
function relativeImports(dir: string, file: string): string[] {
  const source = readFileSync(join(dir, file), 'utf8');
  const specifiers = source.matchAll(/(?:from\s*|import\s*\(?\s*|require\(\s*)["'](\.\.?\/[^"']+)["']/g);
  return [...specifiers].map((m) => posix.normalize(posix.join(posix.dirname(file), m[1]!)));
}

/** The files reachable from the entries, declaration files' imports resolved to .d.ts / .d.cts. */
function reachableFiles(dir: string, manifest: PackageManifest, present: Set<string>): Set<string> {
  const reached = new Set<string>();
  const queue = entryTargets(manifest);
  while (queue.length > 0) {
    const file = queue.pop()!;
    const candidates = [file, file.replace(/\.c?js$/, (ext) => (ext === '.cjs' ? '.d.cts' : '.d.ts'))];
    for (const candidate of candidates.filter((c) => present.has(c) && !reached.has(c))) {
      reached.add(candidate);
      if (present.has(`${candidate}.map`)) reached.add(`${candidate}.map`);
      queue.push(...relativeImports(dir, candidate));
    }
  }
  return reached;
}

const nodeTypes = /\bBuffer\b|\bNodeJS\.|from ["']node:|reference types="node"/;

describe.each(publishedPackages().map((pkg) => [pkg.manifest.name, pkg] as const))('%s', (name, { manifest, folder }) => {
  const tarballOf = () => packed.find((p) => p.manifest.name === name)!;

  it('names the repository, its folder, the homepage, where to report bugs, keywords and the Node range', () => {
    expect(manifest.license).toBe('MIT');
    expect(manifest.repository).toEqual({ type: 'git', url: repositoryUrl, directory: `packages/${folder}` });
    expect(manifest.homepage).toBe(`${web}/tree/main/packages/${folder}#readme`);
    expect(manifest.bugs).toEqual({ url: `${web}/issues` });
    expect(manifest.keywords).toContain('tfode');
    expect(manifest.engines).toEqual(root.engines);
  });

  it(`asks for the tfjs release the engine patches are guarded to (${supportedTfjsVersion}), in every @tensorflow/* range`, () => {
    const ranges = ['dependencies', 'peerDependencies', 'devDependencies'].flatMap((field) =>
      Object.entries((manifest[field] ?? {}) as Record<string, string>).filter(([name]) => name.startsWith('@tensorflow/')),
    );
    for (const [name, range] of ranges) expect(`${name}@${range}`).toBe(`${name}@${supportedTfjsVersion}`);
  });

  it('packs the root LICENSE, the README and only files an entry reaches (no tests, fixtures or sources)', () => {
    const dir = unpack(tarballOf());
    const files = filesUnder(dir);
    expect(readFileSync(join(dir, 'LICENSE'), 'utf8')).toBe(license);
    expect(files).toContain('README.md');
    const present = new Set(files);
    const reached = reachableFiles(dir, manifest, present);
    const unreached = files.filter((file) => !reached.has(file) && !['LICENSE', 'README.md', 'package.json'].includes(file));
    expect(unreached).toEqual([]);
  });

  it('declares @types/node (optional) where its types name Node types, and no main entry does', () => {
    const dir = unpack(tarballOf());
    const declarations = filesUnder(dir).filter((file) => /\.d\.c?ts$/.test(file));
    const naming = declarations.filter((file) => nodeTypes.test(readFileSync(join(dir, file), 'utf8')));
    const exportsMap = manifest.exports as Record<string, { import: { types: string }; require: { types: string } }>;
    const main = [exportsMap['.']!.import.types, exportsMap['.']!.require.types].map((p) => posix.normalize(p));
    expect(naming.filter((file) => main.includes(file))).toEqual([]);
    const peers = (manifest.peerDependencies ?? {}) as Record<string, string>;
    const meta = (manifest.peerDependenciesMeta ?? {}) as Record<string, { optional?: boolean }>;
    if (naming.length > 0) expect(meta['@types/node']?.optional && peers['@types/node']).toBeTruthy();
  });

  it('passes publint with no error, warning or suggestion', async () => {
    const dir = unpack(tarballOf());
    const { messages } = await publint({ pkgDir: dir, level: 'suggestion', pack: false, strict: true });
    const shown = messages.map((message) => `${message.type}: ${formatMessage(message, readManifest(dir))}`);
    console.log(`${manifest.name} publint: ${shown.length === 0 ? 'no messages' : shown.join('; ')}`);
    expect(shown).toEqual([]);
  });

  it('has types that resolve right for ESM and CJS importers (arethetypeswrong, node16 and bundler)', () => {
    const attw = join(workspaceRoot, 'node_modules/.bin/attw');
    const report = JSON.parse(
      execFileSync(attw, [tarballOf().tarball, '--format', 'json', '--profile', 'node16'], { encoding: 'utf8' }),
    ) as { analysis: { problems: { kind: string; entrypoint?: string; resolutionKind?: string }[] } };
    // TypeScript's node10 resolution predates package exports and cannot see subpaths (./node,
    // ./register-gradients); the node16 profile leaves it out, as this check does.
    const problems = report.analysis.problems.filter((problem) => problem.resolutionKind !== 'node10');
    console.log(`${manifest.name} attw: ${problems.length === 0 ? 'no problems' : JSON.stringify(problems)}`);
    expect(problems).toEqual([]);
  });
});

describe('@tfode/ode-core/register-gradients', () => {
  // Strings of tfjs-core's engine and tensor modules, each checked to be in both its builds (the Node
  // bundle users load, and the ES modules a bundler would copy from).
  const markers = ['getOrMakeEngine', '_tfengine', 'function getGlobalTensorClass'];

  it('ships no copy of tfjs-core: none of its engine or tensor code is in any tarball', () => {
    const requireFromOdeCore = createRequire(join(workspaceRoot, 'packages/ode-core/package.json'));
    const nodeBuild = requireFromOdeCore.resolve('@tensorflow/tfjs-core');
    const modules = ['engine.js', 'tensor.js'].map((file) => readFileSync(join(dirname(nodeBuild), file), 'utf8')).join('\n');
    for (const build of [readFileSync(nodeBuild, 'utf8'), modules]) {
      for (const marker of markers) expect(build.includes(marker), marker).toBe(true);
    }
    for (const pkg of packed) {
      const dir = unpack(pkg);
      for (const file of filesUnder(dir).filter((f) => /\.c?js$/.test(f))) {
        const source = readFileSync(join(dir, file), 'utf8');
        for (const marker of markers) expect(source.includes(marker), `${pkg.manifest.name} ${file} holds "${marker}"`).toBe(false);
      }
    }
  });
});
