import { describe, expect, test } from 'vitest';
import { ScenarioError } from './errors.js';
import { parseScenario } from './scenario/parse-scenario.js';
import { simulateScenario } from './simulate.js';
import { REFERENCE_FILES, readReference } from './testing/fixtures.js';
import { fromJsonNumber } from './trace/json-numbers.js';
import { traceOf } from './trace/to-trace.js';

/**
 * Allowed gap to the reference's v and traces. The files print about 8 significant digits, and float32
 * runs round differently than PyTorch now and then: one float32 ulp at |v| < 64 is 3.8e-6.
 */
const TOLERANCE = { float32: 1e-5, float64: 1e-6 };

function maxDifference(actual: unknown, expected: unknown): number {
  const a = (actual as unknown[]).flat(2).map(fromJsonNumber);
  const b = (expected as unknown[]).flat(2).map(fromJsonNumber);
  expect(a).toHaveLength(b.length);
  return Math.max(...a.map((x, i) => Math.abs(x - b[i]!)));
}

describe('simulateScenario against the reference traces', () => {
  test.each(REFERENCE_FILES)('%s: the same spikes, v and traces close', async (name) => {
    const reference = readReference(name);
    const scenario = parseScenario(reference.scenario);
    const trace = traceOf(await simulateScenario(scenario));
    expect(trace.spikes).toEqual(reference.spikes);
    expect(trace.vStride).toBe(reference.vStride);
    expect(maxDifference(trace.v, reference.v)).toBeLessThan(TOLERANCE[trace.dtype]);
    if (reference.traces)
      expect(maxDifference(trace.traces, reference.traces)).toBeLessThan(TOLERANCE[trace.dtype]);
  });
});

describe('simulateScenario', () => {
  const scenario = parseScenario({
    model: 'elif',
    n: 5,
    batchSize: 2,
    steps: 997,
    input: {
      constant: [
        [0.06, 0.1, 0.5, 1, 10],
        [0.2, 0.3, 0.4, 0.7, 2],
      ],
    },
    record: { vars: ['v', 'traces'], vStride: 7 },
  });

  test('gives the same result however the run is chunked', async () => {
    const whole = await simulateScenario(scenario, { chunkUpdates: Number.POSITIVE_INFINITY });
    const progress: number[] = [];
    const chunked = await simulateScenario(scenario, {
      chunkUpdates: 100,
      onProgress: (done) => progress.push(done),
    });
    expect(progress.length).toBeGreaterThan(10);
    expect(progress.at(-1)).toBe(997);
    expect(chunked.spikes).toEqual(whole.spikes);
    expect(chunked.recorded).toEqual(whole.recorded);
    expect(chunked.recorded.v).toHaveLength(Math.ceil(997 / 7) * 10);
  });

  test('counts spikes per neuron even when it keeps no spike list', async () => {
    const result = await simulateScenario(scenario, { keepSpikes: false });
    expect(result.spikes).toBeUndefined();
    expect(result.spikeCounts.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(() => traceOf(result)).toThrow('keepSpikes');
  });

  test('refuses to record traces that are off, naming the field', async () => {
    const off = { ...scenario, traces: { enabled: false } };
    await expect(simulateScenario(off)).rejects.toThrow(ScenarioError);
    await expect(simulateScenario(off)).rejects.toThrow(
      'scenario.record.vars[1]: cannot record "traces"; spike traces are off (scenario.traces.enabled is false)',
    );
  });

  test('an unknown backend lists the available ones', async () => {
    await expect(simulateScenario(scenario, { backend: 'cuda' })).rejects.toThrow(
      'unknown backend "cuda"; available: js',
    );
  });
});
