// Seeded mutations of valid files for each reader of untrusted bytes: every case must load or end in
// the package's typed error, within the harness's time and memory bounds.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fuzz, type FuzzOptions } from '../../../tools/fuzz-harness';
import { FidFileError, FidInputError } from './errors';
import { encodeNpy } from './npy';
import { unpickle } from './pickle';
import { readTfjsWeightsManifest } from './node/tfjs-weights-manifest';
import { readStatistics } from './statistics-npz';
import { deflatedZip, torchZip } from './node/test-files';
import { readTorchStateDict } from './torch-state-dict';
import { readZipEntries, writeStoredZip } from './zip-archive';

const fixture = (name: string) => new Uint8Array(readFileSync(join(__dirname, '..', 'fixtures', name)));
// Small limits keep a mutated size field from allocating more than the memory bound allows.
const limits = { maxTensorElements: 1 << 20, maxInflatedBytes: 4 << 20 };
const options = (seed: number, cases: number): FuzzOptions => ({ seed, cases, caseMs: 1000, maxBytes: 64 << 20, typedErrors: [FidFileError] });

async function expectClean(report: Promise<{ summary: string; failures: string[] }>) {
  const { summary, failures } = await report;
  console.log(summary);
  expect(failures).toEqual([]);
}

const torchFixtures = ['state-dict-zip.pth', 'state-dict-protocol4.pth', 'state-dict-strided.pth', 'state-dict-legacy.pth'].map(fixture);
const crafted = torchZip({ w: { key: '0', offset: 1, shape: [2, 3], stride: [1, 0] }, v: { key: '0', offset: 0, shape: [4], stride: [1] } }, { '0': Float32Array.of(1, 2, 3, 4) });

describe('fuzzing the readers', () => {
  it('pickle: the data.pkl of torch zip files', async () => {
    const archives = await Promise.all([...torchFixtures.slice(0, 3), crafted].map((zip) => readZipEntries(zip, 'fixture')));
    const pickles = archives.map((entries) => [...entries].find(([name]) => name.endsWith('data.pkl'))![1]);
    // Every global resolves to a callable that returns its arguments: the machine itself is under test.
    const anyGlobal = { resolveGlobal: (module: string, name: string) => ({ name: `${module}.${name}`, call: (args: unknown[]) => args }), persistentLoad: (pid: unknown) => pid, build: () => {}, limits };
    await expectClean(fuzz('pickle', pickles, (bytes) => unpickle(bytes, anyGlobal), options(1000, 6000)));
  });

  it('.pth: torch zip, protocol 4 and legacy files', async () => {
    await expectClean(fuzz('pth', [...torchFixtures, crafted], (bytes) => readTorchStateDict(bytes, 'fuzz.pth', limits), options(2000, 8000)));
  });

  it('.npz / .npy: stored and deflated statistics', async () => {
    const stored = writeStoredZip([
      ['mu.npy', encodeNpy(Float64Array.of(1, 2), [2])],
      ['sigma.npy', encodeNpy(Float64Array.of(2, 0.5, 0.5, 1), [2, 2])],
      ['n.npy', encodeNpy(BigInt64Array.of(10n), [])],
    ]);
    const deflated = deflatedZip('mu.npy', encodeNpy(Float64Array.of(3), [1]));
    const valid = [stored, deflated, fixture('stats-pytorch-fid.npz')];
    const parse = (bytes: Uint8Array) => readStatistics(bytes, 'fuzz.npz', limits);
    await expectClean(fuzz('npz', valid, parse, { ...options(3000, 6000), typedErrors: [FidFileError, FidInputError] }));
  });

  it('weights manifest: the JSON, with its shard beside it', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'fid-fuzz-manifest-'));
    writeFileSync(join(folder, 'group1-shard1of1.bin'), new Uint8Array(Float32Array.of(1, 2, 3, 4, 5, 6).buffer));
    const manifest = [{ paths: ['group1-shard1of1.bin'], weights: [{ name: 'fc.bias', shape: [2], dtype: 'float32' }, { name: 'fc.weight', shape: [2, 2], dtype: 'float32' }] }];
    const valid = [JSON.stringify(manifest), JSON.stringify({ format: 'graph-model', weightsManifest: manifest })].map((text) => new TextEncoder().encode(text));
    const path = join(folder, 'model.json');
    await expectClean(fuzz('manifest', valid, (bytes) => readTfjsWeightsManifest(bytes, path, limits), options(4000, 2000)));
  });
});
