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
      const { split, alone } = kernelPair(team, spikeTrace);
      expect(team.begin()).toBe(true);
      const [mine, theirs] = [new Uint32Array(N * BATCH), new Uint32Array(N * BATCH)];
      let spikes = 0;
      for (let step = 0; step < 200; step++) {
        const count = split.integrate(step, mine);
        expect(count).toBe(alone.integrate(step, theirs));
        expect(mine.subarray(0, count)).toEqual(theirs.subarray(0, count));
        // Padding lanes compute (and may cross the threshold) but never count.
        for (const index of mine.subarray(0, count)) expect(index).toBeLessThan(N * BATCH);
        spikes += count;
        split.afterSpike(step, mine, count);
        alone.afterSpike(step, theirs, count);
      }
      team.end();
      expect(spikes).toBeGreaterThan(50);
      expect(split.view('v')).toEqual(alone.view('v'));
    },
  );

  test('leaves populations below minElementsForThreads on the calling thread: no workers start', () => {
    team = new WasmPhaseTeam({ threads: 3, minElementsForThreads: 2 * N * BATCH, columnAlign: 8 });
    kernelPair(team);
    expect(team.begin()).toBe(false);
  });
});
