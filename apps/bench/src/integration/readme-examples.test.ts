// Every ```ts example of every published package's README, run as a user would run it: in one fresh
// npm project outside the workspace, with the packed tarballs and what the READMEs' install lines name
// installed from the registry, through tsx; and all of them type-checked by tsc. An example marked
// `<!-- example: skip (reason) -->` (a network, a large download) is reported as skipped with its reason.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { supportedTfjsVersion } from '@tfode/kernels';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packPublished, publishedPackages, workspaceRoot } from './packed-packages';
import { importedPackages, packageOf, parseReadme } from './readme-examples';

const readmes = publishedPackages().map(({ folder, manifest }) => ({
  folder,
  name: manifest.name,
  readme: parseReadme(readFileSync(join(workspaceRoot, 'packages', folder, 'README.md'), 'utf8')),
}));
const published = new Set(readmes.map(({ name }) => name));
const tsx = join(workspaceRoot, 'node_modules/.bin/tsx');

let scratch: string;
let project: string;

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'tfode-readme-'));
  project = join(scratch, 'project');
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'readme-examples', private: true, type: 'module' }));
  const tarballs = packPublished(scratch).map(({ tarball }) => tarball);
  const fromRegistry = [...new Set(readmes.flatMap(({ readme }) => readme.installs))].filter((s) => !published.has(packageOf(s)));
  console.log(`installing the ${tarballs.length} tarballs and ${fromRegistry.join(' ')}`);
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', ...tarballs, ...fromRegistry], {
    cwd: project,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}, 600_000);

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs a TypeScript module in the project; fails with its output when it exits non-zero. */
function runInProject(file: string, code: string): void {
  writeFileSync(join(project, file), code);
  const result = spawnSync(tsx, [file], { cwd: project, encoding: 'utf8', timeout: 110_000 });
  // The end of the output: tfjs-backend-wasm's glue prints its whole source with an uncaught error.
  const output = `${result.stdout}${result.stderr}`.slice(-4000);
  expect(result.status, `${file} exited with ${result.status ?? result.signal}:\n${output}`).toBe(0);
}

describe.each(readmes)('$name README', ({ folder, name, readme }) => {
  it('shows an npm install line before its first example, naming every package its examples import, tfjs pinned', () => {
    expect(readme.examples.length).toBeGreaterThan(0);
    expect(readme.firstInstallLine, 'an npm install line').toBeDefined();
    expect(readme.firstInstallLine!).toBeLessThan(readme.examples[0]!.line);
    const installed = readme.installs.map(packageOf);
    expect(installed).toContain(name);
    for (const example of readme.examples) {
      for (const imported of importedPackages(example.code)) {
        expect(installed, `line ${example.line} imports ${imported}`).toContain(imported);
      }
    }
    for (const spec of readme.installs.filter((s) => s.startsWith('@tensorflow/'))) {
      expect(spec).toBe(`${packageOf(spec)}@${supportedTfjsVersion}`);
    }
  });

  for (const [index, example] of readme.examples.entries()) {
    const title = `runs the example at line ${example.line}`;
    const skip = example.skip ?? (example.needs && !existsSync(example.needs.path) ? `${example.needs.path} is absent: ${example.needs.reason}` : undefined);
    if (skip) {
      it.skip(`${title} — skipped: ${skip}`, () => {});
      console.log(`${name} README line ${example.line}: skipped (${skip})`);
    } else {
      it(title, () => runInProject(`${folder}-${index + 1}.mts`, example.code), 120_000);
    }
  }
});

describe('the README examples as TypeScript', () => {
  it('type-check against the packed declarations, skipped ones included (strict, Node and DOM globals)', () => {
    const dir = join(project, 'typecheck');
    mkdirSync(dir);
    for (const { folder, readme } of readmes) {
      readme.examples.forEach((example, index) => writeFileSync(join(dir, `${folder}-${index + 1}.mts`), example.code));
    }
    const compilerOptions = {
      target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', strict: true, noEmit: true, skipLibCheck: true,
      lib: ['es2022', 'dom'], types: ['node'],
      // Node's types from the workspace (the examples' own imports resolve in the project).
      typeRoots: [join(workspaceRoot, 'node_modules/@types')],
    };
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions, include: ['*.mts'] }));
    const result = spawnSync(join(workspaceRoot, 'node_modules/.bin/tsc'), ['-p', join(dir, 'tsconfig.json')], { encoding: 'utf8' });
    expect(result.status, `${result.stdout}${result.stderr}`).toBe(0);
  }, 120_000);
});

describe('@tfode/ode-core/register-gradients in the fresh project', () => {
  it('registers the gradients in the one tfjs-core installed, so tf.grad works', () => {
    const copies = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        if (!entry.isDirectory()) return [];
        const path = join(dir, entry.name);
        if (path.endsWith(join('@tensorflow', 'tfjs-core')) && existsSync(join(path, 'package.json'))) return [path];
        return copies(path);
      });
    expect(copies(join(project, 'node_modules'))).toEqual([join(project, 'node_modules/@tensorflow/tfjs-core')]);
    runInProject(
      'register-gradients.mts',
      [
        "import * as tf from '@tensorflow/tfjs-core';",
        "import '@tensorflow/tfjs-backend-cpu';",
        "import '@tfode/ode-core/register-gradients';",
        "await tf.setBackend('cpu');",
        // d/dx Σ x² tanh(x) = 2x tanh(x) + x² (1 − tanh² x), and an op whose gradient is a backprop op.
        'const x = [0.5, -1.25];',
        'const dx = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(tf.square(v), tf.tanh(v))))(tf.tensor1d(x)).arraySync() as number[];',
        'const want = x.map((v) => 2 * v * Math.tanh(v) + v * v * (1 - Math.tanh(v) ** 2));',
        "if (dx.some((d, i) => Math.abs(d - want[i]!) > 1e-5)) throw new Error(`grad ${dx} != ${want}`);",
        "const dp = tf.grad((v: tf.Tensor4D) => tf.sum(tf.maxPool(v, 2, 2, 'valid')))(tf.tensor4d([1, 4, 3, 2], [1, 2, 2, 1])).arraySync();",
        "if (JSON.stringify(dp) !== JSON.stringify([[[[0], [1]], [[0], [0]]]])) throw new Error(`maxPool grad ${JSON.stringify(dp)}`);",
      ].join('\n'),
    );
  }, 120_000);
});
