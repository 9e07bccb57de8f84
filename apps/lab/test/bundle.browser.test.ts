// The main entries of ode-core, adjoint, ncode, nanode-bases, datasets and metrics-fid, bundled for the
// browser by esbuild, solve, differentiate and measure in headless Chromium.
import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeServer, launchChromium, serveStatic, skipReason } from './browser';

const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
let dir: string;
let server: Awaited<ReturnType<typeof serveStatic>> | undefined;
let browser: Browser | undefined;
let imported: string[] = [];

describe.skipIf(skipReason !== null)('the packages bundled for the browser', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tfode-bundle-'));
    const result = await build({
      entryPoints: [join(import.meta.dirname, 'bundle-entry.ts')],
      bundle: true, platform: 'browser', format: 'esm', target: 'es2022',
      outfile: join(dir, 'entry.js'), metafile: true, logLevel: 'silent',
    });
    imported = Object.values(result.metafile.inputs).flatMap((input) => input.imports.map((i) => i.path));
    const wasmDir = dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'));
    for (const file of readdirSync(wasmDir).filter((name) => name.endsWith('.wasm'))) copyFileSync(join(wasmDir, file), join(dir, file));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><meta charset="utf-8"><script type="module" src="./entry.js"></script>');
    server = await serveStatic(dir);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await closeServer(server?.server);
    rmSync(dir, { recursive: true, force: true });
  });

  it('bundles with no Node builtin', () => {
    expect(imported.filter((path) => builtins.has(path))).toEqual([]);
  });

  it('solves an ODE, takes an adjoint gradient and a Fréchet distance in the page', async () => {
    const page = await browser!.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(server!.url);
    await page.waitForFunction(() => 'results' in window || 'failure' in window, null, { timeout: 60_000 });
    const { results, failure } = await page.evaluate(() => {
      const outcome = window as unknown as { results?: unknown; failure?: string };
      return { results: outcome.results, failure: outcome.failure };
    });
    expect(failure).toBeUndefined();
    expect(errors).toEqual([]);
    const r = results as {
      automatic: string; tanhSolved: number; backend: string; solved: number; value: number; gradient: number; logitsShape: number[]; logits: number[];
      frechet: number; first: { mean: number[]; variance: number[] }; second: { mean: number[]; variance: number[] };
    };
    // useBestBackend in a page (no process there): webgpu and webgl not imported by the app, so wasm.
    expect(r.automatic).toBe('wasm');
    expect(r.tanhSolved).toBeCloseTo(Math.asinh(Math.sinh(1) * Math.exp(-1)), 5);
    expect(r.backend).toBe('cpu');
    // y' = −y from 1: e^−1; y' = a·y from (1, 2) at a = 0.5: Σ y(1) = 3·e^a = dL/da.
    expect(r.solved).toBeCloseTo(Math.exp(-1), 5);
    expect(r.value).toBeCloseTo(3 * Math.exp(0.5), 4);
    expect(r.gradient).toBeCloseTo(3 * Math.exp(0.5), 3);
    expect(r.logitsShape).toEqual([16, 1]);
    expect(r.logits.every(Number.isFinite)).toBe(true);
    // Diagonal covariances commute: ‖μ₁ − μ₂‖² + Σ (σ₁ − σ₂)².
    const exact = r.first.mean.reduce((sum, m, i) => sum + (m - r.second.mean[i]) ** 2 + (Math.sqrt(r.first.variance[i]) - Math.sqrt(r.second.variance[i])) ** 2, 0);
    expect(r.frechet).toBeCloseTo(exact, 8);
    await page.close();
  });
});
