// Every public class that owns tensors gives all of them back on dispose(), constructor included.
import { describe, it } from 'vitest';
import { fourier } from './fourier';
import { GatedMixture } from './gated-mixture';
import { HypernetworkWeight } from './hypernetwork-weight';
import { OrthogonalTimeVaryingWeight } from './orthogonal-time-varying-weight';
import { expectDisposesAll } from './test-helpers';
import { TimeVaryingConv2d } from './time-varying-conv2d';
import { TimeVaryingDense } from './time-varying-dense';
import { TimeVaryingWeight } from './time-varying-weight';

describe('construction and dispose()', () => {
  const basis = fourier(2);
  it('leave the tensor count unchanged for every class', () => {
    expectDisposesAll(() => new TimeVaryingWeight(basis, [3, 2], { std: 1, seed: 1 }));
    expectDisposesAll(() => new OrthogonalTimeVaryingWeight(basis, 4, { init: { std: 1, seed: 1 } }));
    expectDisposesAll(() => new HypernetworkWeight([2, 2], { seed: 1 }));
    expectDisposesAll(() => new TimeVaryingDense(3, 3, basis, { seed: 1, orthogonal: true }));
    expectDisposesAll(() => new TimeVaryingConv2d(2, 3, 3, basis, { seed: 1 }));
    const expert = new TimeVaryingDense(3, 3, basis, { seed: 2 });
    expectDisposesAll(() => new GatedMixture([expert], basis));
    expert.dispose();
  });
});
