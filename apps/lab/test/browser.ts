// What the browser tests share: finding Chromium, a static file server on 127.0.0.1, and the output folder.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const labDir = resolve(import.meta.dirname, '..');
/** Screenshots and logs of the browser tests (git-ignored). */
export const outputDir = join(labDir, 'test-output');

/** Chromium's path: $CHROMIUM_PATH, Debian's /usr/bin/chromium, or chromium / chromium-browser on PATH; null if none. */
export function findChromium(): string | null {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  for (const name of ['chromium', 'chromium-browser']) {
    const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
    if (found.status === 0) candidates.push(found.stdout.trim());
  }
  return candidates.find((path): path is string => !!path && existsSync(path)) ?? null;
}

const chromiumPath = findChromium();
/** Why the browser tests cannot run here, or null when they can; printed once by each test file. */
export const skipReason = chromiumPath === null
  ? 'no Chromium found (set CHROMIUM_PATH, or install Debian\'s chromium: apt-get install -y chromium); skipping the browser tests'
  : null;
if (skipReason) console.warn(skipReason);

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath!, args: ['--no-sandbox', '--disable-gpu'] });
}

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** Serves the files under `root` on 127.0.0.1 at a free port; resolves to the server and its base URL. */
export async function serveStatic(root: string): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://host').pathname);
    const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(root + sep)) {
      response.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) => response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' }).end(body),
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` };
}

export function closeServer(server: Server | undefined): Promise<void> {
  return new Promise((done) => (server ? server.close(() => done()) : done()));
}

export function ensureOutputDir(): string {
  mkdirSync(outputDir, { recursive: true });
  return outputDir;
}
