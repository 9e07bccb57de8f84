// The lab as users host it: built by Vite to static files, served on 127.0.0.1, trained in headless Chromium.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeServer, ensureOutputDir, labDir, launchChromium, serveStatic, skipReason } from './browser';

interface Record {
  step: number;
  loss: number;
  nfe: number;
  accuracy: number | null;
}
interface LabStatus {
  status: string;
  backend: string;
  history: Record[];
  error?: string;
}

let dist: string;
let server: Awaited<ReturnType<typeof serveStatic>> | undefined;
let browser: Browser | undefined;

/** Opens the lab with `query`, waits until its run has finished, and returns the page and what it exposes. */
async function trainedPage(query: string): Promise<{ page: Page; lab: LabStatus; errors: string[] }> {
  const page = await browser!.newPage({ viewport: { width: 1320, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${server!.url}${query}&autostart=1`);
  await page.waitForFunction(() => ['done', 'error'].includes((window as unknown as { lab?: LabStatus }).lab?.status ?? ''), null, { timeout: 240_000 });
  const lab = await page.evaluate(() => (window as unknown as { lab: LabStatus }).lab);
  return { page, lab, errors };
}

/** How many pixels of a canvas lie within 40 (per channel) of an sRGB hex colour. */
function pixelsNear(page: Page, canvasId: string, hex: string): Promise<number> {
  return page.evaluate(([id, color]) => {
    const canvas = document.getElementById(id) as HTMLCanvasElement;
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    const target = [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16));
    let count = 0;
    for (let p = 0; p < data.length; p += 4) if (target.every((v, c) => Math.abs(data[p + c] - v) <= 40)) count++;
    return count;
  }, [canvasId, hex] as const);
}

describe.skipIf(skipReason !== null)('the lab in headless Chromium', () => {
  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'tfode-lab-'));
    await build({ root: labDir, logLevel: 'warn', build: { outDir: dist, emptyOutDir: true } });
    server = await serveStatic(dist);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await closeServer(server?.server);
    rmSync(dist, { recursive: true, force: true });
  });

  it('trains open-loop N-CODE on the annuli for 40 steps on wasm: the loss falls and the flow is drawn', async () => {
    const { page, lab, errors } = await trainedPage('?seed=1&task=annuli&model=ncode-open&backend=wasm&steps=40');
    expect(lab.error).toBeUndefined();
    expect(errors).toEqual([]);
    expect(lab.status).toBe('done');
    expect(lab.backend).toBe('wasm');
    expect(lab.history.map((r) => r.step)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    const first = lab.history[0];
    const last = lab.history[lab.history.length - 1];
    expect(last.loss).toBeLessThan(first.loss / 2);
    expect(last.accuracy).toBeGreaterThan(first.accuracy!);
    expect(lab.history.every((r) => r.nfe > 0)).toBe(true);
    // Both classes' trajectories on the flow canvas, both colours of the boundary's background.
    expect(await pixelsNear(page, 'flow', '#2563eb')).toBeGreaterThan(50);
    expect(await pixelsNear(page, 'flow', '#ea580c')).toBeGreaterThan(50);
    expect(await pixelsNear(page, 'boundary', '#9db9f6')).toBeGreaterThan(500);
    expect(await pixelsNear(page, 'boundary', '#f6b492')).toBeGreaterThan(500);
    await page.screenshot({ path: join(ensureOutputDir(), 'lab-annuli-ncode-open.png'), fullPage: true });
    await page.close();
  });

  it('trains what the controls pick and writes it into the URL', async () => {
    const page = await browser!.newPage();
    await page.goto(`${server!.url}?backend=wasm`);
    await page.waitForFunction(() => (window as unknown as { lab?: LabStatus }).lab?.status === 'idle', null, { timeout: 60_000 });
    await page.selectOption('#task', 'reflection');
    await page.selectOption('#model', 'node');
    await page.fill('#seed', '5');
    await page.fill('#steps', '20');
    await page.locator('#steps').dispatchEvent('change');
    await page.click('#start');
    await page.waitForFunction(() => ['done', 'error'].includes((window as unknown as { lab: LabStatus }).lab.status), null, { timeout: 120_000 });
    const { lab, search } = await page.evaluate(() => ({ lab: (window as unknown as { lab: LabStatus }).lab, search: location.search }));
    expect(lab.status).toBe('done');
    expect(search).toBe('?task=reflection&model=node&seed=5&backend=wasm&steps=20');
    expect(lab.history).toHaveLength(20);
    expect(lab.history[19].loss).toBeLessThan(lab.history[0].loss);
    expect(lab.history.every((r) => r.accuracy === null)).toBe(true);
    await page.close();
  });

  it('repeats a run from the seed in its URL, and another seed gives another run', async () => {
    const losses = async (seed: number) => {
      const { page, lab } = await trainedPage(`?seed=${seed}&task=reflection&model=data-controlled&backend=wasm&steps=8`);
      await page.close();
      expect(lab.status).toBe('done');
      return lab.history.map((r) => r.loss);
    };
    const once = await losses(3);
    expect(await losses(3)).toEqual(once);
    expect(await losses(4)).not.toEqual(once);
  });
});
