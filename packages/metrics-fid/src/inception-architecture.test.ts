import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { convLayers, inceptionWeightManifest } from './inception-architecture';

// Written by fixtures/make-fixtures.py from torchvision's Inception3(num_classes=1008, aux_logits=False),
// the module pytorch-fid loads pt_inception-2015-12-05-6726825d.pth into.
const reference: { name: string; shape: number[] }[] = JSON.parse(
  readFileSync(join(__dirname, '..', 'fixtures', 'inception-manifest.json'), 'utf8'),
);

describe('FID Inception-V3 architecture', () => {
  it('matches the reference state dict key for key, shape for shape, in order', () => {
    const withoutCounters = reference.filter((e) => !e.name.endsWith('.num_batches_tracked'));
    expect(inceptionWeightManifest()).toEqual(withoutCounters);
    // The only other keys are one scalar batch counter per BatchNorm.
    const counters = reference.filter((e) => e.name.endsWith('.num_batches_tracked'));
    expect(counters.map((e) => e.name)).toEqual(convLayers().map((c) => `${c.name}.bn.num_batches_tracked`));
    expect(counters.every((e) => e.shape.length === 0)).toBe(true);
  });

  it('has 94 conv layers, 23,885,392 parameters with the classifier and 21,820,000 without', () => {
    const count = (entries: { shape: readonly number[] }[]) => entries.reduce((s, e) => s + e.shape.reduce((a, b) => a * b, 1), 0);
    const manifest = inceptionWeightManifest();
    expect(convLayers()).toHaveLength(94);
    expect(count(manifest)).toBe(23_885_392);
    expect(count(manifest.filter((e) => !e.name.startsWith('fc.')))).toBe(21_820_000);
  });
});
