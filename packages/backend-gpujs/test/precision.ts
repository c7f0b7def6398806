import {
  compareSpikes,
  flatInput,
  fromJsonNumber,
  loadReferenceTrace,
  REFERENCE_SCENARIOS,
  type ReferenceName,
  type ReferenceScenario,
  type ReferenceTrace,
  referencePopulationOptions,
  spikeEvents,
} from '@synapticflow/conformance';
import { ELIFPopulation } from '@synapticflow/core';
import type { Backend } from '@synapticflow/core/backend';

/** How far one run is from a reference trace of the same scenario. */
export interface Deviation {
  scenario: string;
  against: string;
  /** Largest |v - reference v| (mV) over every recorded sample; then where the reference v < thetaRh, >=. */
  v: number;
  vBelowThetaRh: number;
  vAboveThetaRh: number;
  traces: number;
  spikesExpected: number;
  spikesActual: number;
  spikesExact: number;
  spikesWithinOne: number;
}

interface Recorded {
  v: number[];
  traces: number[];
  spikes: [number, number, number][];
}

async function simulate(backend: Backend, s: ReferenceScenario, vStride: number): Promise<Recorded> {
  const population = new ELIFPopulation({ ...referencePopulationOptions(s, { dtype: 'float32' }), backend });
  try {
    const record = s.traces.enabled ? ['v', 'traces'] : ['v'];
    const result = await population.runAsync(s.steps, { input: flatInput(s), record, stride: vStride });
    return {
      v: Array.from(result.recorded.v!),
      traces: Array.from(result.recorded.traces ?? []),
      spikes: spikeEvents(result.spikes!, s.steps, s.batchSize, s.n),
    };
  } finally {
    population.dispose();
  }
}

function deviation(
  scenario: string,
  against: string,
  actual: Recorded,
  expected: Recorded,
  thetaRh: number,
): Deviation {
  let v = 0;
  let below = 0;
  let above = 0;
  for (let i = 0; i < expected.v.length; i++) {
    const error = Math.abs(actual.v[i]! - expected.v[i]!);
    v = Math.max(v, error);
    if (expected.v[i]! < thetaRh) below = Math.max(below, error);
    else above = Math.max(above, error);
  }
  let traces = 0;
  for (let i = 0; i < expected.traces.length; i++) {
    traces = Math.max(traces, Math.abs(actual.traces[i]! - expected.traces[i]!));
  }
  const spikes = compareSpikes(actual.spikes, expected.spikes);
  return {
    scenario,
    against,
    v,
    vBelowThetaRh: below,
    vAboveThetaRh: above,
    traces,
    spikesExpected: spikes.expected,
    spikesActual: spikes.actual,
    spikesExact: spikes.exact,
    spikesWithinOne: spikes.withinOne,
  };
}

async function reference(name: ReferenceName): Promise<{ trace: ReferenceTrace; recorded: Recorded }> {
  const trace = await loadReferenceTrace(name);
  const recorded: Recorded = {
    v: trace.v.flatMap((row) => row.flat().map(fromJsonNumber)),
    traces: (trace.traces ?? []).flatMap((row) => row.flat().map(fromJsonNumber)),
    spikes: trace.spikes,
  };
  return { trace, recorded };
}

/**
 * Runs every reference scenario on `backend` and on `baseline` (backend-js float32) and measures the
 * distances: to the float64 reference (`steps` refractory mode), to the seed's PyTorch float32 trace
 * (`seed` mode), and to the baseline; plus the baseline's own distance to float64, for comparison.
 */
export async function measurePrecision(
  backend: () => Backend,
  baseline: () => Backend,
): Promise<Deviation[]> {
  const rows: Deviation[] = [];
  for (const scenario of REFERENCE_SCENARIOS) {
    const float64 = await reference(`${scenario}.numpy-float64-steps`);
    const seed = await reference(`${scenario}.seed-pytorch-float32`);
    const thetaRh = float64.trace.scenario.params.thetaRh ?? -60;
    const mine = await simulate(backend(), float64.trace.scenario, float64.trace.vStride);
    const mineSeed = await simulate(backend(), seed.trace.scenario, seed.trace.vStride);
    const js = await simulate(baseline(), float64.trace.scenario, float64.trace.vStride);
    rows.push(deviation(scenario, 'numpy float64', mine, float64.recorded, thetaRh));
    rows.push(deviation(scenario, 'seed PyTorch float32', mineSeed, seed.recorded, thetaRh));
    rows.push(deviation(scenario, 'backend-js float32', mine, js, thetaRh));
    rows.push(deviation(scenario, 'backend-js float32 vs numpy float64', js, float64.recorded, thetaRh));
  }
  return rows;
}
