import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { cubaScenario } from './cuba.js';
import { loadNetworkScenario } from './parse-network-scenario.js';

describe('cubaScenario', () => {
  test('at 4,000 neurons and p = 0.02 is examples/cuba.json', () => {
    const example = JSON.parse(
      readFileSync(new URL('../../../../examples/cuba.json', import.meta.url), 'utf8'),
    );
    expect(cubaScenario().network).toEqual(example.network);
  });

  test('scales to any size with 80% excitatory neurons, and is a valid scenario', () => {
    const scaled = cubaScenario({ n: 1000, probability: 0.1, duration: 50, dtype: 'float32' });
    const loaded = loadNetworkScenario(scaled);
    expect(loaded.steps).toBe(500);
    expect(scaled.network.populations.map((p) => p.n)).toEqual([800, 200]);
    expect(scaled.network.projections?.map((p) => p.connector)).toEqual([
      { kind: 'fixed-probability', probability: 0.1, seed: 11 },
      { kind: 'fixed-probability', probability: 0.1, seed: 12 },
    ]);
  });
});
