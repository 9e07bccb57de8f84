// The packages used together, as a downstream library would: one InvalidArgumentError catches bad input from each.
import * as tf from '@tensorflow/tfjs-core';
import { odeintAdjoint, InvalidArgumentError as fromAdjoint } from '@tfode/adjoint';
import { concentricAnnuli, InvalidArgumentError as fromDatasets } from '@tfode/datasets';
import { InvalidArgumentError } from '@tfode/errors';
import { FidInputError, frechetDistance, InvalidArgumentError as fromMetricsFid } from '@tfode/metrics-fid';
import { fourier, InvalidArgumentError as fromNanodeBases } from '@tfode/nanode-bases';
import { neuralODE, InvalidArgumentError as fromNcode } from '@tfode/ncode';
import { odeint, InvalidArgumentError as fromOdeCore } from '@tfode/ode-core';
import { describe, expect, it } from 'vitest';

const thrownBy = (call: () => unknown): unknown => {
  try {
    call();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to throw');
};

const statistics = (dim: number) => ({ dim, mean: new Float64Array(dim), covariance: new Float64Array(dim * dim) });

describe('one InvalidArgumentError across the packages', () => {
  it('every package re-exports the same class', () => {
    for (const reexport of [fromAdjoint, fromDatasets, fromMetricsFid, fromNanodeBases, fromNcode, fromOdeCore]) {
      expect(reexport).toBe(InvalidArgumentError);
    }
  });

  it("each package's bad-input error is an instance of it", () => {
    const y0 = tf.tensor1d([1]);
    const w = tf.scalar(-1);
    const errors = {
      'ode-core': thrownBy(() => odeint((_t, y) => y, y0, [0, 1], { method: 'dopri5', rtol: -1 })),
      adjoint: thrownBy(() => odeintAdjoint((_t, y) => tf.mul(w, y), y0, [0, 1], [w], { method: 'dopri5', rtol: -1 })),
      'nanode-bases': thrownBy(() => fourier(0)),
      datasets: thrownBy(() => concentricAnnuli({ numPoints: -1 })),
      'metrics-fid': thrownBy(() => frechetDistance(statistics(2), statistics(3))),
      ncode: thrownBy(() => neuralODE({ dims: 0, hidden: [4], seed: 1 })),
    };
    tf.dispose([y0, w]);
    for (const [name, error] of Object.entries(errors)) {
      expect(error, name).toBeInstanceOf(InvalidArgumentError);
      expect(error, name).toBeInstanceOf(Error);
      expect((error as Error).message, name).toMatch(/rtol|numPoints|order|dimensions|dims/);
    }
    expect(errors['metrics-fid']).toBeInstanceOf(FidInputError);
  });
});
