import {
  BackendError,
  type Dtype,
  MODEL_LIBRARY,
  type PopulationOptions,
  type StateArray,
} from '@synapticflow/core';
import { describe, expect, test } from 'vitest';
import { libraryPopulation, phaseRequest } from '../testing/library-requests.js';
import { createJsPhaseKernel } from './js-phase-kernel.js';

const N = 6;
const STEPS = 300;
/** Input per model, in its unit, a little above what makes it spike (the neurons get 0.6× … 2× this). */
const INPUT_SCALE: Record<string, number> = {
  if: 2,
  lif: 2,
  qif: 2,
  elif: 2,
  adex: 800,
  'adaptive-lif': 2,
  izhikevich: 15,
  'lif-exp-synapse': 2,
  'cuba-lif': 10,
};

function bytesOf(values: StateArray): Buffer {
  return Buffer.from(values.buffer, values.byteOffset, values.byteLength);
}

/**
 * Runs a fused kernel and a phase kernel of the same program side by side, one step at a time, and checks after
 * every step that all state is bit-identical and the spike list names exactly the neurons whose spike state is
 * set. Returns the number of spikes.
 */
function compareStepByStep(model: string, options: Omit<PopulationOptions, 'backend'>): number {
  const { request, kernel } = libraryPopulation(model, options);
  const { program, dtype, n, batchSize } = request;
  const scale = INPUT_SCALE[model];
  if (scale === undefined) throw new Error(`no input for library model "${model}": add one to INPUT_SCALE`);
  const input = Float64Array.from({ length: n }, (_, j) => scale * (0.6 + (1.4 * j) / (n - 1)));
  // Rows start apart, so that a row mixed up with another shows.
  const first = program.state.find((s) => s.type === 'number')!.name;
  const start = kernel.readState(first);
  for (let i = 0; i < start.length; i++) start[i]! += Math.floor(i / n) * 0.5;
  kernel.writeState(first, start);

  const phases = createJsPhaseKernel(phaseRequest(request, input));
  for (const variable of program.state) phases.view(variable.name).set(kernel.readState(variable.name));
  const fusedInput = dtype === 'float32' ? Float32Array.from(input) : Float64Array.from(input);
  const spikes = new Uint32Array(n * batchSize);
  let total = 0;
  for (let step = 0; step < STEPS; step++) {
    kernel.run({
      steps: 1,
      firstStep: step,
      input: { layout: 'neuron', perStep: false, data: fusedInput },
      recordings: [],
    });
    const count = phases.integrate(step, spikes);
    phases.afterSpike(step, spikes, count);
    for (const variable of program.state) {
      const same = bytesOf(phases.view(variable.name)).equals(bytesOf(kernel.readState(variable.name)));
      if (!same) {
        expect.fail(
          `${variable.name} differs after step ${step}: phased ${phases.view(variable.name)}, fused ${kernel.readState(variable.name)}`,
        );
      }
    }
    if (program.spikes !== null) {
      const set = phases.view(program.spikes);
      const expected = [...set.keys()].filter((i) => set[i] !== 0);
      expect([...spikes.subarray(0, count)]).toEqual(expected);
    } else {
      expect(count).toBe(0);
    }
    total += count;
  }
  phases.dispose();
  return total;
}

describe('createJsPhaseKernel: integrate then afterSpike is one fused step, bit for bit', () => {
  const cases = Object.keys(MODEL_LIBRARY).flatMap((model) =>
    (['float64', 'float32'] as Dtype[]).flatMap((dtype) =>
      [1, 3].flatMap((batchSize) =>
        ['euler', 'rk4'].map((integrator) => ({ model, dtype, batchSize, integrator })),
      ),
    ),
  );
  test.each(cases)(
    '$model $dtype batch $batchSize $integrator',
    ({ model, dtype, batchSize, integrator }) => {
      const spikes = compareStepByStep(model, { n: N, dtype, batchSize, integrator, dt: 0.1 });
      expect(spikes).toBeGreaterThan(0);
    },
  );

  // Without spike traces (as in networks) the afterSpike phase runs on the spike list alone.
  test.each(
    Object.keys(MODEL_LIBRARY).flatMap((model) =>
      (['float64', 'float32'] as Dtype[]).flatMap((dtype) =>
        [1, 3].map((batchSize) => ({ model, dtype, batchSize })),
      ),
    ),
  )('$model $dtype batch $batchSize, afterSpike on spikes only', ({ model, dtype, batchSize }) => {
    const spikes = compareStepByStep(model, { n: N, dtype, batchSize, spikeTrace: false, dt: 0.1 });
    expect(spikes).toBeGreaterThan(0);
  });

  test.each(['steps', 'seed'] as const)(
    'lif with refractory mode %s, summed input and per-neuron parameters',
    (refractory) => {
      const spikes = compareStepByStep('lif', {
        n: N,
        dtype: 'float32',
        batchSize: 2,
        refractory,
        sumInput: true,
        params: { tau: Float64Array.from({ length: N }, (_, j) => 8 + j), refracLength: 2 },
      });
      expect(spikes).toBeGreaterThan(0);
    },
  );
});

describe('JsPhaseKernel', () => {
  const { request } = libraryPopulation('lif', { n: 3 });
  const lifRequest = phaseRequest(request, new Float64Array(3));

  test('views are live: a write between the phases is what afterSpike sees', () => {
    const kernel = createJsPhaseKernel({ ...lifRequest, input: Float64Array.of(0, 0, 0) });
    kernel.view('v').fill(-70);
    const spikes = new Uint32Array(3);
    expect(kernel.integrate(0, spikes)).toBe(0);
    kernel.view('v')[1] = 100; // a synaptic event lifts neuron 1 past the threshold after it was evaluated
    kernel.afterSpike(0, spikes, 0);
    expect(kernel.view('v')[1]).toBe(100); // not reset: it did not spike this step
    expect(kernel.integrate(1, spikes)).toBe(1);
    expect(spikes[0]).toBe(1);
  });

  test('where the program allows it, afterSpike changes the listed elements only', () => {
    const { request: plain } = libraryPopulation('lif', { n: 3, spikeTrace: false });
    const request = phaseRequest(plain, new Float64Array(3));
    expect(request.phased.afterSpikeOnSpikesOnly).toBe(true);
    const dense = { ...request, phased: { ...request.phased, afterSpikeOnSpikesOnly: false } };
    const after = (kernelRequest: typeof request) => {
      const kernel = createJsPhaseKernel(kernelRequest);
      kernel.view('v').fill(100); // all three past the threshold
      const spikes = new Uint32Array(3);
      expect(kernel.integrate(0, spikes)).toBe(3);
      const integrated = [...kernel.view('v')];
      spikes[0] = 2; // a list naming neuron 2 alone
      kernel.afterSpike(0, spikes, 1);
      return { integrated, v: [...kernel.view('v')] };
    };
    const resetPot = Math.fround(-62); // LIF's default resetPot, in float32
    const sparse = after(request);
    expect(sparse.integrated[0]).toBeGreaterThan(90);
    expect(sparse.v).toEqual([sparse.integrated[0], sparse.integrated[1], resetPot]);
    expect(after(dense).v).toEqual([resetPot, resetPot, resetPot]);
  });

  test('names a missing state variable and refuses use after dispose', () => {
    const kernel = createJsPhaseKernel(lifRequest);
    expect(() => kernel.view('w')).toThrow(/no state "w"/);
    kernel.dispose();
    expect(() => kernel.view('v')).toThrow(/after dispose/);
    expect(() => kernel.integrate(0, new Uint32Array(3))).toThrow(/after dispose/);
  });

  test('refuses a program whose names are not plain identifiers, before anything reaches new Function', () => {
    const evil = 'v = 0; globalThis.hacked = true; //';
    const { program } = lifRequest.phased;
    const tampered = {
      ...program,
      state: [
        ...program.state,
        { name: evil, type: 'number' as const, initial: { kind: 'number' as const, value: 0 } },
      ],
    };
    expect(() =>
      createJsPhaseKernel({ ...lifRequest, phased: { ...lifRequest.phased, program: tampered } }),
    ).toThrow(BackendError);
    expect((globalThis as { hacked?: boolean }).hacked).toBeUndefined();
  });

  test('refuses an input that is not one value per neuron', () => {
    expect(() => createJsPhaseKernel({ ...lifRequest, input: new Float64Array(2) })).toThrow(
      /input needs 3 values/,
    );
  });
});
