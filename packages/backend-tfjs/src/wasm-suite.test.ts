import { jsBackend } from '@synapticflow/backend-js';
import { describeConformance, loadReferenceTrace, REFERENCE_SCENARIOS } from '@synapticflow/conformance';
import { ELIFPopulation } from '@synapticflow/core';
import { describe, expect, test } from 'vitest';
import { REQUIRE_ALL } from '../test/backends.js';
import { BOOLEAN_SELECT_AFTER_5_STEPS, runBooleanSelect } from '../test/models.js';
import { maxAbsDifference, simulateScenario } from '../test/reference.js';
import { loadWasm } from '../test/wasm.js';
import { tfjsBackend } from './index.js';

// The suite needs to know at collection time whether wasm loads, so it is loaded here, before registering.
const failure = await loadWasm();

if (failure === null) {
  describeConformance(
    { describe, test },
    {
      label: 'tfjs-wasm float32',
      createBackend: () => tfjsBackend({ backendName: 'wasm' }),
      dtype: 'float32',
    },
    { models: false },
  );
} else if (REQUIRE_ALL) {
  throw new Error(`tfjs-backend-wasm did not load in Node: ${failure}`);
} else {
  test.skip(`behavioural suite: tfjs-wasm float32 — skipped: tfjs-backend-wasm did not load in Node (${failure})`, () => {});
}

describe.runIf(failure === null)('tfjs-wasm against backend-js float32 on the reference scenarios', () => {
  for (const name of REFERENCE_SCENARIOS) {
    // wasm's exp, log, tanh and pow are within 1.4 float32 ulp of Math's, not always equal: the spikes must
    // agree, and v to far below the 1e-3 mV the suite allows (measured: bit-identical on all four).
    test(name, async () => {
      const { scenario } = await loadReferenceTrace(`${name}.numpy-float64-steps`);
      const js = simulateScenario(jsBackend(), scenario, 'steps');
      const wasm = simulateScenario(tfjsBackend({ backendName: 'wasm' }), scenario, 'steps');
      expect(wasm.spikes).toEqual(js.spikes);
      expect(maxAbsDifference(wasm.v, js.v)).toBeLessThan(1e-4);
      expect(maxAbsDifference(wasm.traces, js.traces)).toBeLessThan(1e-6);
    });
  }
});

describe.runIf(failure === null)('tfjs-wasm specifics', () => {
  test('runs one tfjs kernel per operation (the fused kernel is for tfjs-cpu only)', () => {
    const population = new ELIFPopulation({ n: 3, backend: tfjsBackend({ backendName: 'wasm' }) });
    expect(population.kernelDescription).toMatch(/ on wasm \(one kernel per operation\)$/);
    population.forward(1);
    expect(population.v.every(Number.isFinite)).toBe(true);
    population.dispose();
  });

  test('a select between booleans (tfjs-wasm Select corrupts bool branches; the compiler uses logic)', () => {
    expect(runBooleanSelect(tfjsBackend({ backendName: 'wasm' }))).toEqual(BOOLEAN_SELECT_AFTER_5_STEPS);
  });
});
