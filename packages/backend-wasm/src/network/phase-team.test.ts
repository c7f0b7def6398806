import { LIF_MODEL, Population } from '@synapticflow/core';
import type { Backend, KernelRequest, PhaseKernel, PhaseKernelRequest } from '@synapticflow/core/backend';
import { splitAtSpikes } from '@synapticflow/core/backend';
import { afterEach, describe, expect, test } from 'vitest';
import { wasmBackend } from '../index.js';
import { WasmPhaseTeam } from './phase-team.js';
import { WasmPhaseKernel } from './wasm-phase-kernel.js';

const N = 49; // 98 elements: the last float32 vector has two padding lanes
const BATCH = 2;

/** A LIF population's phase request with inputs that make most neurons spike, and its initial v. */
function lifRequest(spikeTrace: boolean): { request: PhaseKernelRequest; v: Float64Array } {
  let kernelRequest: KernelRequest | undefined;
  const wasm = wasmBackend();
  const recording: Backend = {
    ...wasm,
    createKernel: (r) => {
      kernelRequest = r;
      return wasm.createKernel(r);
    },
  };
  new Population(LIF_MODEL, {
    n: N,
    batchSize: BATCH,
    dtype: 'float32',
    backend: recording,
    spikeTrace,
  }).dispose();
  const { program, dtype, parameters } = kernelRequest!;
  const input = Float64Array.from({ length: N }, (_, j) => 0.5 + (j % 7) * 0.2);
  const v = Float64Array.from({ length: N * BATCH }, (_, i) => -62 + (i % 9));
  return { request: { phased: splitAtSpikes(program), dtype, n: N, batchSize: BATCH, parameters, input }, v };
}

/** With `spikeTrace` afterSpike runs on every element, without it on the spiking ones only. */
function kernelPair(team: WasmPhaseTeam, spikeTrace = true): { split: PhaseKernel; alone: PhaseKernel } {
  const { request, v } = lifRequest(spikeTrace);
  expect(request.phased.afterSpikeOnSpikesOnly).toBe(!spikeTrace);
  const split = team.add(new WasmPhaseKernel(request, { shared: true }));
  const alone = new WasmPhaseKernel(request);
  split.view('v').set(v);
  alone.view('v').set(v);
  return { split, alone };
}

describe('WasmPhaseTeam', () => {
  let team: WasmPhaseTeam | undefined;
  afterEach(() => team?.dispose());

  test.each([true, false])(
    'splits phases while serving: spike lists and state equal one thread, step by step (traces %s)',
    (spikeTrace) => {
      // 5 threads over 98 elements in slices of 8: slices in the middle of rows, across the row boundary, and a
      // last one that ends in padding lanes.
      team = new WasmPhaseTeam({ threads: 5, minElementsForThreads: 0, columnAlign: 8 });
      const pairs = [kernelPair(team, spikeTrace), kernelPair(team, spikeTrace)];
      // The second population starts elsewhere, so that the two spike differently.
      for (const { split, alone } of pairs.slice(1)) {
        for (const kernel of [split, alone]) kernel.view('v').set(kernel.view('v').map((v) => v - 3));
      }
      expect(team.begin()).toBe(true);
      const mine = pairs.map(() => new Uint32Array(N * BATCH));
      const theirs = new Uint32Array(N * BATCH);
      const counts = new Uint32Array(2);
      const spikes = [0, 0];
      for (let step = 0; step < 200; step++) {
        team.integrateAll(step, mine, counts);
        pairs.forEach(({ alone }, p) => {
          const count = counts[p]!;
          expect(count).toBe(alone.integrate(step, theirs));
          expect(mine[p]!.subarray(0, count)).toEqual(theirs.subarray(0, count));
          // Padding lanes compute (and may cross the threshold) but never count.
          for (const index of mine[p]!.subarray(0, count)) expect(index).toBeLessThan(N * BATCH);
          spikes[p]! += count;
        });
        team.afterSpikeAll(step, mine, counts);
        pairs.forEach(({ alone }, p) => {
          // The same list, in order: the unsplit kernel's own was overwritten by the next population's.
          theirs.set(mine[p]!.subarray(0, counts[p]!));
          alone.afterSpike(step, theirs, counts[p]!);
        });
      }
      // At most one command per phase of the network: 400 for 200 steps of two populations (800 with one per
      // population), 200 where afterSpike runs on the spikes alone (no traces); fewer where the workers came late
      // and the calling thread ran phases alone.
      expect(team.commandsSent).toBeLessThanOrEqual(spikeTrace ? 400 : 200);
      expect(team.commandsSent).toBeGreaterThanOrEqual(4);
      team.end();
      for (const count of spikes) expect(count).toBeGreaterThan(50);
      expect(spikes[0]).not.toBe(spikes[1]);
      for (const { split, alone } of pairs) expect(split.view('v')).toEqual(alone.view('v'));
    },
  );

  test('splits every population once the network holds minElementsForThreads elements in all', () => {
    // Two populations of 100 elements (98 and two padding lanes): 200 in all.
    team = new WasmPhaseTeam({ threads: 3, minElementsForThreads: 200, columnAlign: 8 });
    kernelPair(team);
    kernelPair(team);
    expect(team.splitPopulations).toBe(2);
    expect(team.begin()).toBe(true);
    team.end();
  });

  test('leaves a network below minElementsForThreads on the calling thread: no workers start', () => {
    team = new WasmPhaseTeam({ threads: 3, minElementsForThreads: 201, columnAlign: 8 });
    kernelPair(team);
    kernelPair(team);
    expect(team.splitPopulations).toBe(0);
    expect(team.begin()).toBe(false);
  });
});
