import { jsBackend } from '@synapticflow/backend-js';
import {
  compareSpikes,
  fromJsonNumber,
  loadReferenceTrace,
  REFERENCE_SCENARIOS,
} from '@synapticflow/conformance';
import { describe, expect, test } from 'vitest';
import { tfjsBackend } from './index.js';
import '../test/backends.js';
import { CPU_PATHS } from '../test/paths.js';
import { maxAbsDifference, simulateScenario } from '../test/reference.js';

describe.each(CPU_PATHS)(
  'numerical agreement on the reference scenarios (tfjs-cpu, $label)',
  ({ options }) => {
    for (const name of REFERENCE_SCENARIOS) {
      // tfjs-cpu stores every kernel's result in a Float32Array and computes exp with Math.exp, and the fused
      // kernel rounds every operation with Math.fround: the same rounding as backend-js's arithmetic.
      test(`${name}: bit-identical to backend-js float32 in both refractory modes`, async () => {
        const { scenario } = await loadReferenceTrace(`${name}.numpy-float64-steps`);
        for (const refractory of ['steps', 'seed'] as const) {
          const js = simulateScenario(jsBackend(), scenario, refractory);
          const tfjs = simulateScenario(tfjsBackend(options), scenario, refractory);
          expect(tfjs).toEqual(js);
        }
      });

      test(`${name}: every spike of the float64 reference on its exact step`, async () => {
        const trace = await loadReferenceTrace(`${name}.numpy-float64-steps`);
        const s = trace.scenario;
        const mine = simulateScenario(tfjsBackend(options), s, 'steps');
        const comparison = compareSpikes(mine.spikes, trace.spikes);
        expect(comparison.firstDivergence).toBeNull();
        // v at the reference's stride: float32 rounding stays below 1e-3 mV where v < thetaRh (contracting),
        // and the exponential upswing amplifies it to a few 1e-2 mV just before a spike.
        const size = s.batchSize * s.n;
        const expected = trace.v.flatMap((row) => row.flat().map(fromJsonNumber));
        const actual = expected.map(
          (_, i) => mine.v[Math.floor(i / size) * trace.vStride * size + (i % size)]!,
        );
        const below = (keep: boolean) => (_: number, i: number) =>
          expected[i]! < (s.params.thetaRh ?? -60) === keep;
        expect(maxAbsDifference(actual.filter(below(true)), expected.filter(below(true)))).toBeLessThan(1e-3);
        expect(maxAbsDifference(actual.filter(below(false)), expected.filter(below(false)))).toBeLessThan(
          0.1,
        );
      });
    }
  },
);
