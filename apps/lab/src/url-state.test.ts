import { describe, expect, it } from 'vitest';
import { defaultState, readState, writeState, type LabState } from './url-state';

describe('the run settings in the query string', () => {
  it('reads back what it wrote', () => {
    const state: LabState = { task: 'reflection', model: 'ncode-closed', seed: 42, backend: 'cpu', steps: 75, autostart: true };
    expect(writeState(state)).toBe('?task=reflection&model=ncode-closed&seed=42&backend=cpu&steps=75&autostart=1');
    expect(readState(writeState(state))).toEqual(state);
  });

  it('takes the default for each missing or malformed value', () => {
    expect(readState('')).toEqual(defaultState);
    expect(readState('?task=spiral&model=resnet&seed=-1&backend=tpu&steps=2.5&autostart=yes')).toEqual(defaultState);
    expect(readState('?seed=&steps=0')).toEqual(defaultState);
    expect(readState('?seed=0&steps=1')).toEqual({ ...defaultState, seed: 0, steps: 1 });
  });
});
