import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError } from '@tfode/errors';
import { commonConfig } from './model-options';
import { MLP } from './mlp';

describe('commonConfig', () => {
  it("returns the model's modules as a new object and leaves the caller's untouched", () => {
    const field = new MLP([2, 2], { seed: 1 });
    const modules = Object.freeze({ field });
    const withReadout = commonConfig({ seed: 1, outputs: 3 }, [2], modules);
    expect(Object.keys(modules)).toEqual(['field']);
    expect(Object.keys(withReadout.modules)).toEqual(['field', 'readout']);
    expect(withReadout.modules.field).toBe(field);
    const withoutReadout = commonConfig({ seed: 1 }, [2], modules);
    expect(withoutReadout.modules).not.toBe(modules);
    expect(withoutReadout.modules).toEqual({ field });
  });

  it("readout 'pool' reads each channel's mean over the image: a readout of channels·outputs + outputs weights", () => {
    const config = commonConfig({ seed: 2, outputs: 3, readout: 'pool' }, [4, 5, 2], {});
    const head = config.modules.readout as MLP;
    expect(head.parameterCount).toBe(2 * 3 + 3);
    const xT = tf.randomNormal([2, 4, 5, 2], 0, 1, 'float32', 3);
    const logits = config.outputNet!(xT);
    const expected = head.apply(tf.mean(xT, [1, 2]));
    expect(logits.shape).toEqual([2, 3]);
    expect(logits.dataSync()).toEqual(expected.dataSync());
    tf.dispose([xT, logits, expected]);
    head.dispose();
  });

  it('readout { firstChannels: c } reads the first c channels flattened: H·W·c·outputs + outputs weights', () => {
    const config = commonConfig({ seed: 2, outputs: 3, readout: { firstChannels: 1 } }, [4, 5, 2], {});
    const head = config.modules.readout as MLP;
    expect(head.parameterCount).toBe(4 * 5 * 1 * 3 + 3);
    const xT = tf.randomNormal([2, 4, 5, 2], 0, 1, 'float32', 3);
    const logits = config.outputNet!(xT);
    const expected = head.apply(tf.reshape(tf.slice(xT, [0, 0, 0, 0], [-1, -1, -1, 1]), [2, 20]));
    expect(logits.dataSync()).toEqual(expected.dataSync());
    tf.dispose([xT, logits, expected]);
    head.dispose();
  });

  it('rejects an image readout on a vector state, a channel count the state lacks, and an unknown readout', () => {
    expect(() => commonConfig({ seed: 2, outputs: 3, readout: 'pool' }, [4], {})).toThrow(InvalidArgumentError);
    expect(() => commonConfig({ seed: 2, outputs: 3, readout: { firstChannels: 3 } }, [4, 5, 2], {})).toThrow(/integer in 1…2/);
    expect(() => commonConfig({ seed: 2, outputs: 3, readout: 'mean' as never }, [4], {})).toThrow(/readout "mean"/);
  });
});
