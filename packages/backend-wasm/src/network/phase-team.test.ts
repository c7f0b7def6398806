import { LIF_MODEL, Population } from '@synapticflow/core';
import type { Backend, KernelRequest, PhaseKernel, PhaseKernelRequest } from '@synapticflow/core/backend';
import { splitAtSpikes } from '@synapticflow/core/backend';
import { afterEach, describe, expect, test } from 'vitest';
import { wasmBackend } from '../index.js';
import { WasmPhaseTeam } from './phase-team.js';
import { WasmPhaseKernel } from './wasm-phase-kernel.js';

const N = 50;
const BATCH = 2;

/** A LIF population's phase request with inputs that make most neurons spike, and its initial v. */
function lifRequest(): { request: PhaseKernelRequest; v: Float64Array } {
  let kernelRequest: KernelRequest | undefined;
  const wasm = wasmBackend();
  const recording: Backend = {
    ...wasm,
    createKernel: (r) => {
      kernelRequest = r;
      return wasm.createKernel(r);
    },
  };
  new Population(LIF_MODEL, { n: N, batchSize: BATCH, dtype: 'float32', backend: recording }).dispose();
  const { program, dtype, parameters } = kernelRequest!;
  const input = Float64Array.from({ length: N }, (_, j) => 0.5 + (j % 7) * 0.2);
  const v = Float64Array.from({ length: N * BATCH }, (_, i) => -62 + (i % 9));
  return { request: { phased: splitAtSpikes(program), dtype, n: N, batchSize: BATCH, parameters, input }, v };
}

function kernelPair(team: WasmPhaseTeam): { split: PhaseKernel; alone: PhaseKernel } {
  const { request, v } = lifRequest();
  const split = team.add(new WasmPhaseKernel(request, { shared: true }));
  const alone = new WasmPhaseKernel(request);
  split.view('v').set(v);
  alone.view('v').set(v);
  return { split, alone };
}

describe('WasmPhaseTeam', () => {
  let team: WasmPhaseTeam | undefined;
  afterEach(() => team?.dispose());

  test('splits phases while serving: spike lists and state equal one thread, step by step', () => {
    // 5 threads over 100 elements in slices of 8: slices in the middle of rows, and across the row boundary.
    team = new WasmPhaseTeam({ threads: 5, minElementsForThreads: 0, columnAlign: 8 });
    const { split, alone } = kernelPair(team);
    expect(team.begin()).toBe(true);
    const [mine, theirs] = [new Uint32Array(N * BATCH), new Uint32Array(N * BATCH)];
    let spikes = 0;
    for (let step = 0; step < 200; step++) {
      const count = split.integrate(step, mine);
      expect(count).toBe(alone.integrate(step, theirs));
      expect(mine.subarray(0, count)).toEqual(theirs.subarray(0, count));
      spikes += count;
      split.afterSpike(step);
      alone.afterSpike(step);
    }
    team.end();
    expect(spikes).toBeGreaterThan(50);
    expect(split.view('v')).toEqual(alone.view('v'));
  });

  test('leaves populations below minElementsForThreads on the calling thread: no workers start', () => {
    team = new WasmPhaseTeam({ threads: 3, minElementsForThreads: 2 * N * BATCH, columnAlign: 8 });
    kernelPair(team);
    expect(team.begin()).toBe(false);
  });
});
