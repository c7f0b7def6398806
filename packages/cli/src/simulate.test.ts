import { readFileSync } from 'node:fs';
import { jsBackend } from '@synapticflow/backend-js';
import { ELIFPopulation } from '@synapticflow/core';
import { describe, expect, test } from 'vitest';
import { ScenarioError } from './errors.js';
import { parseScenario } from './scenario/parse-scenario.js';
import { type Simulation, simulateScenario } from './simulate.js';
import { INLINE_LIF, REFERENCE_FILES, readReference } from './testing/fixtures.js';
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
      'unknown backend "cuda"; available: js, wasm, tfjs, gpujs',
    );
  });
});

/** Spike steps of neuron `neuron` (batch row 0) from a simulation's [step, batch, neuron] triples. */
function spikeSteps(spikes: Int32Array | undefined, neuron = 0): number[] {
  const steps: number[] = [];
  for (let i = 0; i < (spikes?.length ?? 0); i += 3) if (spikes![i + 2] === neuron) steps.push(spikes![i]!);
  return steps;
}

describe('simulateScenario runs any model', () => {
  test('ELIF through the generic Population is bit for bit the ELIFPopulation of before', async () => {
    const scenario = parseScenario({
      model: 'elif',
      n: 6,
      steps: 1500,
      params: { tau: [8, 9, 10, 11, 12, 13], lowerBound: -70 },
      traces: { additive: true },
      input: { constant: { linspace: [0, 2] } },
      record: { vars: ['v', 'traces'], vStride: 1 },
    });
    const simulation = await simulateScenario(scenario);
    const population = new ELIFPopulation({
      backend: jsBackend(),
      n: 6,
      params: { tau: [8, 9, 10, 11, 12, 13], lowerBound: -70 },
      additiveSpikeTrace: true,
    });
    const direct = population.run(1500, {
      input: { constant: Float32Array.from(simulation.constantInput!) },
      record: ['v', 'traces'],
    });
    expect(simulation.recorded.v).toEqual(direct.recorded.v);
    expect(simulation.recorded.traces).toEqual(direct.recorded.traces);
    expect(simulation.spikeCounts.reduce((a, b) => a + b, 0)).toBe(direct.spikes!.reduce((a, b) => a + b, 0));
  });

  test('Izhikevich regular spiking: u jumps by d at every spike, the intervals lengthen (Izhikevich 2003)', async () => {
    const simulation = await simulateScenario(
      parseScenario({
        model: 'izhikevich',
        n: 1,
        dt: 0.05,
        steps: 4000,
        params: { a: 0.02, b: 0.2, c: -65, d: 8 },
        input: { constant: 10 },
        record: { vars: ['u'] },
      }),
    );
    expect(simulation.inputUnit).toBe('model units (≈ pA/pF)');
    const steps = spikeSteps(simulation.spikes);
    const intervals = steps.slice(1).map((step, i) => (step - steps[i]!) * 0.05);
    expect(intervals[0]).toBeCloseTo(23.35, 1);
    expect(intervals.at(-1)).toBeCloseTo(44.95, 1);
    const u = simulation.recorded.u!;
    for (const step of steps) expect(u[step]! - u[step - 1]!).toBeCloseTo(8, 1);
  });

  test('AdEx: the adaptation current w grows with the spikes', async () => {
    const simulation = await simulateScenario(
      parseScenario({
        model: 'adex',
        n: 5,
        steps: 5000,
        input: { constant: { linspace: [400, 800] } },
        record: { vars: ['w'], vStride: 100 },
      }),
    );
    expect(simulation.inputUnit).toBe('pA');
    const w = simulation.recorded.w!;
    expect(w).toHaveLength(50 * 5);
    const strongest = Array.from({ length: 50 }, (_, row) => w[row * 5 + 4]!);
    expect(strongest[0]).toBe(0);
    expect(strongest.at(-1)).toBeGreaterThan(200);
    // Spike-frequency adaptation: the intervals of the strongest input lengthen.
    const steps = spikeSteps(simulation.spikes, 4);
    expect(steps.at(-1)! - steps.at(-2)!).toBeGreaterThan(steps[1]! - steps[0]!);
  });

  test('an inline spec with definitions runs as the library LIF with the same parameters', async () => {
    const shared = {
      n: 4,
      steps: 2000,
      input: { constant: { linspace: [0.4, 1.6] } },
      record: { vars: ['v'] },
    };
    const inline = await simulateScenario(parseScenario({ ...shared, model: INLINE_LIF }));
    const library = await simulateScenario(
      parseScenario({ ...shared, model: 'lif', params: { refracLength: 0 } }),
    );
    expect(inline.model).toBe('tiny-lif');
    expect(inline.inputUnit).toBe('a.u.');
    expect(inline.spikes!.length).toBeGreaterThan(0);
    expect(inline.spikes).toEqual(library.spikes);
    expect(inline.recorded.v).toEqual(library.recorded.v);
  });

  test('the integrator changes v; euler is the default', async () => {
    const run = (integrator?: string) =>
      simulateScenario(
        parseScenario({
          model: 'adex',
          n: 2,
          steps: 500,
          dtype: 'float64',
          ...(integrator ? { integrator } : {}),
          input: { constant: [500, 800] },
          record: { vars: ['v'] },
        }),
      );
    const [byDefault, euler, rk4] = await Promise.all([run(), run('euler'), run('rk4')]);
    expect(byDefault.integrator).toBe('euler');
    expect(rk4.integrator).toBe('rk4');
    expect(byDefault.recorded.v).toEqual(euler.recorded.v);
    expect(rk4.recorded.v).not.toEqual(euler.recorded.v);
    const gap = Math.max(...Array.from(rk4.recorded.v!, (v, i) => Math.abs(v - euler.recorded.v![i]!)));
    expect(gap).toBeGreaterThan(1e-6);
  });

  test('examples/adex-adaptation.json with rk4 fires as with euler, neuron by neuron; w stays in the pA range', async () => {
    const example = JSON.parse(
      readFileSync(new URL('../../../examples/adex-adaptation.json', import.meta.url), 'utf8'),
    );
    const run = (integrator: string) => simulateScenario(parseScenario({ ...example, integrator }));
    const [euler, rk4] = await Promise.all([run('euler'), run('rk4')]);
    expect(Array.from(euler.spikeCounts).reduce((a, b) => a + b)).toBeGreaterThan(10);
    expect(Array.from(rk4.spikeCounts)).toEqual(Array.from(euler.spikeCounts));
    const largestW = ({ recorded }: Simulation) => Math.max(...Array.from(recorded.w!, Math.abs));
    expect(largestW(rk4)).toBeLessThan(2 * largestW(euler));
    expect(rk4.warnings).toEqual([]);
  });

  test('hands the population’s warnings over before the run', async () => {
    const warnings: string[] = [];
    const simulation = await simulateScenario(
      parseScenario({ model: 'elif', n: 3, steps: 10, dtype: 'float32', params: { threshold: 100 } }),
      { onWarning: (warning) => warnings.push(warning) },
    );
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^model "elif", equation for v: exp\(\) overflows float32 before v reaches/);
    expect(simulation.warnings).toEqual(warnings);
    const quiet = await simulateScenario(parseScenario({ model: 'elif', n: 3, steps: 10, dtype: 'float64' }));
    expect(quiet.warnings).toEqual([]);
  });

  test('recording state the population does not keep names the field', async () => {
    const scenario = parseScenario({ model: 'lif', n: 1, steps: 1 });
    await expect(simulateScenario({ ...scenario, record: { vars: ['v', 'summedInput'] } })).rejects.toThrow(
      'scenario.record.vars[1]: cannot record "summedInput" (state: v, refractory, traces)',
    );
  });
});

// Needs core's Population option `init` (initial state); a core without it starts every neuron at restPot.
describe('simulateScenario: initial state', () => {
  test('init gives each neuron, or each batch row and neuron, its own starting v', async () => {
    const scenario = { model: 'lif', steps: 1, dtype: 'float64', record: { vars: ['v'] } } as const;
    // One Euler step of dv/dt = (restPot - v)/tau with dt 0.1, tau 10, restPot -62: v + 0.01*(-62 - v).
    const after = (v: number) => v + 0.01 * (-62 - v);
    const perNeuron = await simulateScenario(parseScenario({ ...scenario, n: 2, init: { v: [-56, -60] } }));
    expect(Array.from(perNeuron.recorded.v!)).toEqual([after(-56), after(-60)]);
    const batch = await simulateScenario(
      parseScenario({ ...scenario, n: 2, batchSize: 2, init: { v: [-56, -57, -58, -59] } }),
    );
    expect(Array.from(batch.recorded.v!)).toEqual([-56, -57, -58, -59].map(after));
    const shared = await simulateScenario(parseScenario({ ...scenario, n: 3, init: { v: -55 } }));
    expect(Array.from(shared.recorded.v!)).toEqual([after(-55), after(-55), after(-55)]);
  });
});
