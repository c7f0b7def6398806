import { describe, expect, test } from 'vitest';
import { DEFAULT_STATE, type PageState, stateFromUrl, urlQueryOf } from './page-state.js';

describe('page state in the URL', () => {
  test('a state survives the round trip through its query', () => {
    const state: PageState = {
      ...DEFAULT_STATE,
      model: 'custom',
      spec: '{"name":"x"}',
      params: { tau: 12.5 },
      backend: 'wasm',
      dtype: 'float32',
      input: { kind: 'ramp', from: -1, to: 2, onset: 5 },
    };
    expect(stateFromUrl(urlQueryOf(state))).toEqual(state);
  });

  test('no query, or a broken one, gives the defaults; missing fields take theirs', () => {
    expect(stateFromUrl('')).toEqual(DEFAULT_STATE);
    expect(stateFromUrl('?state=%7Bnot-json')).toEqual(DEFAULT_STATE);
    const partial = stateFromUrl(`?${new URLSearchParams({ state: '{"n":7,"input":{"kind":"step"}}' })}`);
    expect(partial.n).toBe(7);
    expect(partial.input).toEqual({ ...DEFAULT_STATE.input, kind: 'step' });
    expect(partial.backend).toBe(DEFAULT_STATE.backend);
  });
});
