import type { PhaseKernel, PhaseKernelGroup, StateArray } from '@synapticflow/core/backend';
import { afterEach, describe, expect, test } from 'vitest';
import { libraryPopulation, phaseRequest } from '../testing/library-requests.js';
import { createJsPhaseKernel, JsPhaseKernel } from './js-phase-kernel.js';
import { PhaseTeam } from './phase-team.js';

const BATCH = 3;
/** Two populations of different sizes and models, with inputs that make most neurons spike. */
const POPULATIONS = [
  { model: 'lif', n: 13, scale: 2 },
  { model: 'izhikevich', n: 7, scale: 15 },
] as const;

/** With `spikeTrace` (the default) afterSpike runs on every neuron, without it on the spiking ones only. */
function requests(dtype: 'float32' | 'float64', spikeTrace = true) {
  return POPULATIONS.map(({ model, n, scale }) => {
    const { request } = libraryPopulation(model, { n, dtype, batchSize: BATCH, spikeTrace });
    // Inputs repeat every 4 neurons, so neurons of different slices spike in the same step.
    const input = Float64Array.from({ length: n }, (_, j) => scale * (0.6 + (1.4 * (j % 4)) / 3));
    const start = libraryPopulation(model, { n, dtype, batchSize: BATCH }).kernel.readState('v');
    // Rows start apart, so that a row mixed up with another shows.
    for (let i = 0; i < start.length; i++) start[i]! += Math.floor(i / n) * 0.7;
    return {
      phase: phaseRequest(request, input),
      start,
      stateNames: request.program.state.map((s) => s.name),
    };
  });
}

/** Kernels stepped one after another, each whole: one thread's reference. */
function oneByOne(kernels: PhaseKernel[]): PhaseKernelGroup {
  return {
    kernels,
    integrateAll(step, spikes, counts) {
      kernels.forEach((kernel, p) => {
        counts[p] = kernel.integrate(step, spikes[p]!);
      });
    },
    afterSpikeAll: (step, spikes, counts) => {
      kernels.forEach((kernel, p) => {
        kernel.afterSpike(step, spikes[p]!, counts[p]!);
      });
    },
  };
}

/**
 * Steps populations through both phases with a stand-in for synaptic delivery in between (each spike of one
 * population raises v of a neuron of the other), and returns every step's spike lists and the final state.
 */
function simulate(group: PhaseKernelGroup, steps: number, stateNames: string[][], firstStep = 0) {
  const { kernels } = group;
  const spikeLog: number[][] = [];
  const lists = kernels.map((_, p) => new Uint32Array(BATCH * POPULATIONS[p]!.n));
  const counts = new Uint32Array(kernels.length);
  for (let step = firstStep; step < firstStep + steps; step++) {
    group.integrateAll(step, lists, counts);
    for (let p = 0; p < kernels.length; p++) {
      spikeLog.push([...lists[p]!.subarray(0, counts[p])]);
      const target = kernels[1 - p]!.view('v');
      for (let q = 0; q < counts[p]!; q++) target[(lists[p]![q]! * 5) % target.length]! += 0.25;
    }
    group.afterSpikeAll(step, lists, counts);
  }
  const state = kernels.map((kernel, p) =>
    stateNames[p]!.map((name) => kernel.view(name).slice() as StateArray),
  );
  return { spikeLog, state };
}

describe('PhaseTeam: network phases split over threads', () => {
  let team: PhaseTeam | undefined;
  afterEach(() => team?.dispose());

  test.each([
    { dtype: 'float64', spikeTrace: true },
    { dtype: 'float32', spikeTrace: true },
    { dtype: 'float64', spikeTrace: false },
    { dtype: 'float32', spikeTrace: false },
  ] as const)(
    'gives the spikes and state of one thread, bit for bit ($dtype, traces $spikeTrace, 3 threads, batch 3)',
    ({ dtype, spikeTrace }) => {
      const setups = requests(dtype, spikeTrace);
      expect(setups.map((s) => s.phase.phased.afterSpikeOnSpikesOnly)).toEqual([!spikeTrace, !spikeTrace]);
      const names = setups.map((s) => s.stateNames);
      const alone = setups.map(({ phase, start }) => {
        const kernel = createJsPhaseKernel(phase);
        kernel.view('v').set(start);
        return kernel;
      });
      team = new PhaseTeam({ threads: 3, minNeuronsForThreads: 0, columnAlign: 1 });
      for (const { phase, start } of setups) {
        const kernel = team.add(new JsPhaseKernel(phase, { shared: true }), BATCH);
        kernel.view('v').set(start);
      }
      const expected = simulate(oneByOne(alone), 200, names);
      expect(team.begin()).toBe(true);
      const actual = simulate(team, 200, names);
      team.end();
      expect(expected.spikeLog.flat().length).toBeGreaterThan(100);
      expect(actual.spikeLog).toEqual(expected.spikeLog);
      expect(actual.state).toEqual(expected.state);
    },
  );

  test('runs unsplit outside begin … end, and again split in a second run', () => {
    const setups = requests('float64');
    const names = setups.map((s) => s.stateNames);
    const alone = setups.map(({ phase }) => createJsPhaseKernel(phase));
    team = new PhaseTeam({ threads: 2, minNeuronsForThreads: 0, columnAlign: 1 });
    const split = setups.map(({ phase }) => team!.add(new JsPhaseKernel(phase, { shared: true }), BATCH));
    const expected = simulate(oneByOne(alone), 90, names);
    simulate(team, 30, names); // not serving: the calling thread does everything
    for (let run = 0; run < 2; run++) {
      expect(team.begin()).toBe(true);
      simulate(team, 30, names, 30 + 30 * run);
      team.end();
    }
    expect(split.map((kernel, p) => names[p]!.map((name) => kernel.view(name).slice()))).toEqual(
      expected.state,
    );
  });

  test('splits every population, small ones too, once the network holds minNeuronsForThreads neurons', () => {
    // 3*13 + 3*7 = 60 neurons in all; alone, each population is below 40.
    const setups = requests('float64');
    team = new PhaseTeam({ threads: 2, minNeuronsForThreads: 60, columnAlign: 1 });
    for (const { phase } of setups) team.add(new JsPhaseKernel(phase, { shared: true }), BATCH);
    expect(team.splitPopulations).toBe(2);
    expect(team.begin()).toBe(true);
    team.end();
  });

  test('leaves a network below minNeuronsForThreads on the calling thread', () => {
    const setups = requests('float64');
    team = new PhaseTeam({ threads: 2, minNeuronsForThreads: 61, columnAlign: 1 });
    for (const { phase } of setups) team.add(new JsPhaseKernel(phase, { shared: true }), BATCH);
    expect(team.splitPopulations).toBe(0);
    expect(team.begin()).toBe(false);
  });

  test('a phase of the whole network is one command: workers serve one job per run, whatever the steps', () => {
    const setups = requests('float64');
    team = new PhaseTeam({ threads: 3, minNeuronsForThreads: 0, columnAlign: 1 });
    for (const { phase } of setups) team.add(new JsPhaseKernel(phase, { shared: true }), BATCH);
    expect(team.begin()).toBe(true);
    simulate(
      team,
      25,
      setups.map((s) => s.stateNames),
    );
    // Two populations, 25 steps, two phases each: at most 50 commands (100 with one command per population);
    // fewer where the workers came late and the calling thread ran phases alone.
    expect(team.commandsSent).toBeLessThanOrEqual(50);
    expect(team.commandsSent).toBeGreaterThanOrEqual(4);
    team.end();
  });
});
