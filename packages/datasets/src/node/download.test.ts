import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DATASET_SOURCES, download, downloadFile } from './download';
import { ChecksumMismatchError, DownloadError, DownloadTooLargeError } from './errors';
import { DEBIAN_FASHION_MNIST_DIR } from './fashion-mnist';
import { extractTar } from './tar';

const content = Buffer.from(Array.from({ length: 100_000 }, (_, i) => (i * 7919) % 251));
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/**
 * A local server: /good honours Range; /cut (any query) drops the first connection to each URL
 * half-way; /moved redirects; /long sends the content twice; /endless never stops sending;
 * /debian/<f> serves Fashion-MNIST.
 */
function startServer() {
  const log: { path: string; range?: string }[] = [];
  const cut = new Set<string>();
  const server = http.createServer(async (request, response) => {
    const path = request.url ?? '';
    log.push({ path, range: request.headers.range });
    if (path === '/moved') {
      response.writeHead(302, { Location: '/good' }).end();
      return;
    }
    if (path === '/long') {
      response.end(Buffer.concat([content, content]));
      return;
    }
    if (path === '/endless') {
      const chunk = Buffer.alloc(64 * 1024, 1);
      const more = () => {
        while (!response.destroyed && response.write(chunk));
      };
      response.on('drain', more);
      more();
      return;
    }
    if (path.startsWith('/debian/')) {
      response.end(await readFile(join(DEBIAN_FASHION_MNIST_DIR, path.slice('/debian/'.length))));
      return;
    }
    if (path !== '/good' && !path.startsWith('/cut')) {
      response.writeHead(404).end();
      return;
    }
    const start = Number(/^bytes=(\d+)-$/.exec(request.headers.range ?? '')?.[1] ?? 0);
    const body = content.subarray(start);
    const headers = { 'Content-Length': String(body.length), ...(start > 0 ? { 'Content-Range': `bytes ${start}-${content.length - 1}/${content.length}` } : {}) };
    response.writeHead(start > 0 ? 206 : 200, headers);
    if (path.startsWith('/cut') && !cut.has(path)) {
      cut.add(path);
      response.write(body.subarray(0, 40_000), () => setTimeout(() => request.socket.destroy(), 20));
      return;
    }
    response.end(body);
  });
  return { server, log };
}

describe('download', () => {
  const { server, log } = startServer();
  let base: string;
  let dir: string;
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'tfode-download-'));
    log.length = 0;
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('downloads, verifies the SHA-256 and leaves only the final file; a verified file is not fetched again', async () => {
    const path = await downloadFile({ name: 'data.bin', urls: [`${base}/moved`], sha256: sha256(content) }, dir, { timeoutMs: 5000 });
    expect(path).toBe(join(dir, 'data.bin'));
    expect((await readFile(path)).equals(content)).toBe(true);
    expect(await readdir(dir)).toEqual(['data.bin']);
    await downloadFile({ name: 'data.bin', urls: [`${base}/good`], sha256: sha256(content) }, dir);
    expect(log.map((entry) => entry.path)).toEqual(['/moved', '/good']);
  }, 20_000);

  it('keeps an interrupted download under .part only and resumes it with a Range request', async () => {
    const file = { name: 'data.bin', urls: [`${base}/cut`], sha256: sha256(content) };
    await expect(downloadFile(file, dir, { timeoutMs: 5000 })).rejects.toThrow(DownloadError);
    expect(existsSync(join(dir, 'data.bin'))).toBe(false);
    const partial = (await stat(join(dir, 'data.bin.part'))).size;
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(content.length);
    await downloadFile(file, dir, { timeoutMs: 5000 });
    expect(log[1].range).toBe(`bytes=${partial}-`);
    expect((await readFile(join(dir, 'data.bin'))).equals(content)).toBe(true);
    expect(await readdir(dir)).toEqual(['data.bin']);
  }, 20_000);

  it('deletes the partial file on a checksum mismatch and names the file and both digests', async () => {
    const wrong = 'ab'.repeat(32);
    const attempt = downloadFile({ name: 'data.bin', urls: [`${base}/good`], sha256: wrong }, dir, { timeoutMs: 5000 });
    await expect(attempt).rejects.toThrow(ChecksumMismatchError);
    await expect(attempt).rejects.toThrow(`${join(dir, 'data.bin')}: SHA-256 ${sha256(content)} does not match the published ${wrong}`);
    expect(await readdir(dir)).toEqual([]);
  }, 20_000);

  it('falls back to the next URL and reports HTTP errors', async () => {
    await downloadFile({ name: 'data.bin', urls: [`${base}/missing`, `${base}/good`], sha256: sha256(content) }, dir);
    expect(log.map((entry) => entry.path)).toEqual(['/missing', '/good']);
    await expect(downloadFile({ name: 'other.bin', urls: [`${base}/missing`], sha256: sha256(content) }, dir)).rejects.toThrow(`${base}/missing: HTTP 404`);
    expect(await readdir(dir)).toEqual(['data.bin']);
  }, 20_000);

  it('cuts off a server sending more than the known size and deletes the partial file', async () => {
    const attempt = downloadFile({ name: 'data.bin', urls: [`${base}/long`], sha256: sha256(content), size: content.length }, dir, { timeoutMs: 5000 });
    await expect(attempt).rejects.toThrow(DownloadTooLargeError);
    await expect(attempt).rejects.toThrow(`${base}/long: sent more than the 100000 bytes this file may hold`);
    expect(await readdir(dir)).toEqual([]);
  }, 20_000);

  it('cuts off an endless response at maxBytes when the size is unknown', async () => {
    const attempt = downloadFile({ name: 'data.bin', urls: [`${base}/endless`], sha256: sha256(content) }, dir, { timeoutMs: 5000, maxBytes: 1024 * 1024 });
    await expect(attempt).rejects.toThrow(DownloadTooLargeError);
    await expect(attempt).rejects.toThrow(`${base}/endless: sent more than the 1048576 bytes this file may hold`);
    expect(await readdir(dir)).toEqual([]);
  }, 20_000);

  it('resumes an interrupted download of a known size and verifies it', async () => {
    const file = { name: 'data.bin', urls: [`${base}/cut?known-size`], sha256: sha256(content), size: content.length };
    const first = downloadFile(file, dir, { timeoutMs: 5000 });
    await expect(first).rejects.toThrow(DownloadError);
    await expect(first).rejects.not.toThrow(DownloadTooLargeError);
    await downloadFile(file, dir, { timeoutMs: 5000 });
    expect(log[1].range).toMatch(/^bytes=\d+-$/);
    expect((await readFile(join(dir, 'data.bin'))).equals(content)).toBe(true);
    expect(await readdir(dir)).toEqual(['data.bin']);
  }, 20_000);

  it('knows the size of every official file', () => {
    for (const { files } of Object.values(DATASET_SOURCES)) for (const file of files) expect(Number.isInteger(file.size) && file.size! > 0).toBe(true);
  });

  it.skipIf(!existsSync(DEBIAN_FASHION_MNIST_DIR))('checks a named data set against the published checksums (Debian recompressed its gzip files)', async () => {
    const attempt = download('fashion-mnist', dir, { mirror: `${base}/debian/`, timeoutMs: 5000 });
    await expect(attempt).rejects.toThrow(ChecksumMismatchError);
    await expect(attempt).rejects.toThrow('does not match the published 08dc20ab1689590a0bcd66e874647b6ee8464e2d501b5a3f1f78831db19a3fdc');
    expect(await readdir(dir)).toEqual([]);
  }, 30_000);
});

describe.skipIf(!existsSync('/usr/bin/tar') && !existsSync('/bin/tar'))('extractTar', () => {
  it('extracts what the system tar packed, and only regular files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tfode-tar-'));
    await mkdir(join(dir, 'src', 'cifar-10-batches-bin'), { recursive: true });
    await writeFile(join(dir, 'src', 'cifar-10-batches-bin', 'test_batch.bin'), content);
    await writeFile(join(dir, 'src', 'cifar-10-batches-bin', 'batches.meta.txt'), 'airplane\n');
    execFileSync('tar', ['-czf', join(dir, 'a.tar.gz'), '-C', join(dir, 'src'), 'cifar-10-batches-bin']);
    const written = await extractTar(join(dir, 'a.tar.gz'), join(dir, 'out'));
    expect(written.sort()).toEqual([join(dir, 'out', 'cifar-10-batches-bin', 'batches.meta.txt'), join(dir, 'out', 'cifar-10-batches-bin', 'test_batch.bin')]);
    expect((await readFile(join(dir, 'out', 'cifar-10-batches-bin', 'test_batch.bin'))).equals(content)).toBe(true);
    await rm(dir, { recursive: true });
  });
});
