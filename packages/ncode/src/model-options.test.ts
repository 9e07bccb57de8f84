import { describe, expect, it } from 'vitest';
import { commonConfig } from './model-options';
import { MLP } from './mlp';

describe('commonConfig', () => {
  it("returns the model's modules as a new object and leaves the caller's untouched", () => {
    const field = new MLP([2, 2], { seed: 1 });
    const modules = Object.freeze({ field });
    const withReadout = commonConfig({ seed: 1, outputs: 3 }, 2, modules);
    expect(Object.keys(modules)).toEqual(['field']);
    expect(Object.keys(withReadout.modules)).toEqual(['field', 'readout']);
    expect(withReadout.modules.field).toBe(field);
    const withoutReadout = commonConfig({ seed: 1 }, 2, modules);
    expect(withoutReadout.modules).not.toBe(modules);
    expect(withoutReadout.modules).toEqual({ field });
  });
});
