#!/usr/bin/env node
// The root scripts' entry point: installs the workspace with the pinned pnpm (a fresh machine has
// only Node and npm), then runs the asked-for job through Nx with pnpm on PATH.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pnpmVersion = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager.split('@')[1];
const pnpm = ['-y', `pnpm@${pnpmVersion}`];
const job = process.argv[2];
const extra = process.argv.slice(3);

function run(args, options = {}) {
  const result = spawnSync('npx', [...pnpm, ...args], { cwd: root, stdio: 'inherit', ...options });
  return result.status ?? 1;
}

function install() {
  const frozen = existsSync(join(root, 'pnpm-lock.yaml')) ? ['--frozen-lockfile'] : [];
  const status = run(['install', ...frozen, '--reporter=append-only']);
  if (status !== 0) process.exit(status);
}

function nx(args) {
  return run(['exec', 'nx', ...args], { env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' } });
}

function summarizeTests() {
  const dir = join(root, 'reports', 'tests');
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const file of existsSync(dir) ? readdirSync(dir) : []) {
    if (!file.endsWith('.json')) continue;
    const report = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += report.numPendingTests + (report.numTodoTests ?? 0);
    // A suite that failed to load counts its file as one failure: its tests never ran.
    failed += report.testResults.filter((r) => r.status === 'failed' && r.assertionResults.length === 0).length;
  }
  return { passed, failed, skipped };
}

// The datasets tests read the real Fashion-MNIST, which Debian packages; install it where we can.
function ensureFashionMnist() {
  const dir = '/usr/share/datasets/fashion-mnist';
  if (existsSync(dir) || process.platform !== 'linux' || process.getuid?.() !== 0) return;
  if (spawnSync('sh', ['-c', 'command -v apt-get']).status !== 0) return;
  console.log('installing Debian package dataset-fashion-mnist for the datasets tests…');
  spawnSync('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dataset-fashion-mnist'], {
    stdio: 'inherit',
  });
}

// The lab's browser tests drive Debian's chromium; install it where we can (they skip, saying why, elsewhere).
function ensureChromium() {
  const onPath = (name) => spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;
  const found = (process.env.CHROMIUM_PATH && existsSync(process.env.CHROMIUM_PATH)) || onPath('chromium') || onPath('chromium-browser');
  if (found || process.platform !== 'linux' || process.getuid?.() !== 0) return;
  if (spawnSync('sh', ['-c', 'command -v apt-get']).status !== 0) return;
  console.log('installing Debian package chromium for the lab\'s browser tests…');
  spawnSync('sh', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium'], { stdio: 'inherit' });
}

install();
let status;
switch (job) {
  case 'test': {
    rmSync(join(root, 'reports', 'tests'), { recursive: true, force: true });
    mkdirSync(join(root, 'reports', 'tests'), { recursive: true });
    ensureFashionMnist();
    ensureChromium();
    status = nx(['run-many', '-t', 'test', '--parallel=1', '--outputStyle=stream', '--skipNxCache', ...extra]);
    const { passed, failed, skipped } = summarizeTests();
    const failedTotal = failed + (status !== 0 && failed === 0 ? 1 : 0);
    console.log(`${passed} passed, ${failedTotal} failed` + (skipped ? `, ${skipped} skipped` : ''));
    process.exit(status === 0 && failedTotal === 0 ? 0 : 1);
  }
  case 'build':
  case 'typecheck':
    status = nx(['run-many', '-t', job, ...extra]);
    break;
  case 'demo':
  case 'bench':
    status = nx(['run', '@tfode/bench:build']);
    if (status === 0) {
      const args = job === 'demo' ? ['demo', ...extra] : extra;
      status = spawnSync('node', [join(root, 'apps/bench/dist/cli.js'), ...args], { cwd: root, stdio: 'inherit' }).status ?? 1;
    }
    break;
  case 'lab': {
    // Builds the @tfode packages the lab imports, then serves it with Vite's dev server on 127.0.0.1.
    const lab = join(root, 'apps/lab');
    const needs = Object.keys(JSON.parse(readFileSync(join(lab, 'package.json'), 'utf8')).dependencies).filter((name) => name.startsWith('@tfode/'));
    status = nx(['run-many', '-t', 'build', '-p', needs.join(',')]);
    if (status === 0) status = run(['exec', 'vite', '--host', '127.0.0.1', ...extra], { cwd: lab });
    break;
  }
  default:
    console.error(`unknown job "${job}": expected test, build, typecheck, demo, bench or lab`);
    status = 2;
}
process.exit(status);
