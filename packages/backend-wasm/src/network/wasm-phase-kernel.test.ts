import { jsBackend } from '@synapticflow/backend-js';
import { BackendError, MODEL_LIBRARY, type ModelSpec, Population } from '@synapticflow/core';
import {
  type Backend,
  type Dtype,
  type Expr,
  type Kernel,
  type KernelRequest,
  type PhaseKernel,
  type StateArray,
  splitAtSpikes,
} from '@synapticflow/core/backend';
import { describe, expect, test } from 'vitest';
import type { Precision } from '../emit-expression.js';
import { WasmKernel } from '../wasm-kernel.js';
import { createWasmPhaseKernel } from './wasm-phase-kernel.js';

/** A drive above each library model's rheobase, in its own input unit. */
const DRIVE: Record<string, number> = {
  if: 0.5,
  lif: 1,
  qif: 0.5,
  elif: 0.5,
  adex: 800,
  'adaptive-lif': 1,
  izhikevich: 10,
  'lif-exp-synapse': 1,
  'cuba-lif': 20,
};
const N = 13; // not a multiple of 4 or 2: the last vector has padding lanes
const STEPS = 300;

/** Every parameter with a numeric default varies by a few percent across neurons (per-neuron arrays). */
function perNeuronParameters(model: ModelSpec): Record<string, number[]> {
  const params: Record<string, number[]> = {};
  for (const [name, spec] of Object.entries(model.parameters)) {
    if (spec.default === null || spec.perNeuron === false) continue;
    params[name] = Array.from({ length: N }, (_, j) => spec.default! * (1 + 0.01 * (j % 5)));
  }
  return params;
}

interface Setup {
  request: KernelRequest;
  initial: Map<string, StateArray>;
}

/** The kernel request a population makes (parameters validated, derived ones included) and its initial state. */
function setUp(
  model: ModelSpec,
  dtype: Dtype,
  batchSize: number,
  integrator: string,
  spikeTrace?: boolean,
): Setup {
  let request: KernelRequest | undefined;
  const js = jsBackend();
  const recording: Backend = {
    ...js,
    createKernel: (r) => {
      request = r;
      return js.createKernel(r);
    },
  };
  const population = new Population(model, {
    n: N,
    batchSize,
    dtype,
    integrator,
    ...(spikeTrace === undefined ? {} : { spikeTrace }),
    backend: recording,
    params: perNeuronParameters(model),
  });
  const initial = new Map(population.stateNames.map((name) => [name, population.state(name)]));
  population.dispose();
  return { request: request!, initial };
}

/** Input from below to well above the rheobase across neurons, so that most of them spike. */
function inputOf(model: ModelSpec): Float64Array {
  const drive = DRIVE[model.name];
  if (drive === undefined) throw new Error(`no drive for the library model ${model.name}: add one to DRIVE`);
  return Float64Array.from({ length: N }, (_, j) => drive * (0.4 + (2 * j) / N));
}

function usesExp(expr: Expr): boolean {
  switch (expr.kind) {
    case 'call':
      return expr.fn === 'exp' || expr.args.some(usesExp);
    case 'unary':
      return usesExp(expr.operand);
    case 'binary':
      return usesExp(expr.left) || usesExp(expr.right);
    case 'select':
      return usesExp(expr.cond) || usesExp(expr.whenTrue) || usesExp(expr.whenFalse);
    default:
      return false;
  }
}

function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): string | null {
  if (a.length !== b.length) return `lengths ${a.length} and ${b.length}`;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return `element ${i}: ${a[i]} vs ${b[i]}`;
  return null;
}

function setOf(indices: Uint32Array, count: number): number[] {
  return Array.from(indices.subarray(0, count));
}

function spikingElements(spikes: StateArray): number[] {
  const elements: number[] = [];
  spikes.forEach((value, i) => {
    if (value) elements.push(i);
  });
  return elements;
}

/**
 * Runs the phase kernel and fused kernels side by side from the same state, one step per call, and returns the
 * first difference of any state variable after any step (null if none) and the spikes seen.
 */
function compare(
  setup: Setup,
  model: ModelSpec,
  fused: Kernel[],
  precision: Precision = 'exact',
): { difference: string | null; spikes: number } {
  const { request, initial } = setup;
  const input = inputOf(model);
  const phase: PhaseKernel = createWasmPhaseKernel(
    {
      phased: splitAtSpikes(request.program),
      dtype: request.dtype,
      n: request.n,
      batchSize: request.batchSize,
      parameters: request.parameters,
      input,
    },
    { precision },
  );
  const data = request.dtype === 'float32' ? Float32Array.from(input) : Float64Array.from(input);
  for (const [name, values] of initial) {
    phase.view(name).set(values);
    for (const kernel of fused) kernel.writeState(name, values);
  }
  const spikeName = request.program.spikes;
  const indices = new Uint32Array(request.n * request.batchSize);
  let spikes = 0;
  try {
    for (let step = 0; step < STEPS; step++) {
      const count = phase.integrate(step, indices);
      phase.afterSpike(step, indices, count);
      spikes += count;
      for (const kernel of fused) {
        kernel.run({
          steps: 1,
          firstStep: step,
          input: { layout: 'neuron', perStep: false, data },
          recordings: [],
        });
        for (const name of initial.keys()) {
          const difference = firstDifference(phase.view(name), kernel.readState(name));
          if (difference)
            return { difference: `${kernel.description}, step ${step}, ${name}: ${difference}`, spikes };
        }
        if (spikeName) {
          const expected = spikingElements(kernel.readState(spikeName));
          const got = setOf(indices, count);
          if (firstDifference(got, expected)) {
            return { difference: `step ${step}: spike indices ${got} vs ${expected}`, spikes };
          }
        }
      }
    }
  } finally {
    phase.dispose();
    for (const kernel of fused) kernel.dispose();
  }
  return { difference: null, spikes };
}

describe('the phased wasm kernel: integrate(k) then afterSpike(k) is one step of the fused kernels', () => {
  for (const model of Object.values(MODEL_LIBRARY)) {
    for (const dtype of ['float32', 'float64'] as const) {
      for (const batchSize of [1, 3]) {
        for (const integrator of ['euler', 'rk4']) {
          const name = `${model.name} ${dtype} batch ${batchSize} ${integrator}`;
          test(`${name}: bit for bit with wasm's fused kernel and backend-js's (${STEPS} steps)`, () => {
            const setup = setUp(model, dtype, batchSize, integrator);
            const hasExp = setup.request.program.statements.some((s) => usesExp(s.expr));
            // float32 exp is within an ulp of backend-js's Math.fround(Math.exp(x)), not equal (see agreement.test.ts).
            const kernels: Kernel[] = [new WasmKernel(setup.request)];
            if (dtype === 'float64' || !hasExp) kernels.push(jsBackend().createKernel(setup.request));
            const { difference, spikes } = compare(setup, model, kernels);
            expect(difference).toBeNull();
            // Enough spikes that resets and refractory periods are exercised.
            if (setup.request.program.spikes) expect(spikes).toBeGreaterThanOrEqual(10);
          });
        }
      }
    }
  }
});

describe('without spike traces (as in networks) afterSpike runs on the spiking vectors only', () => {
  for (const model of Object.values(MODEL_LIBRARY)) {
    for (const dtype of ['float32', 'float64'] as const) {
      for (const batchSize of [1, 3]) {
        test(`${model.name} ${dtype} batch ${batchSize}: bit for bit with wasm's fused kernel`, () => {
          const setup = setUp(model, dtype, batchSize, 'euler', false);
          expect(splitAtSpikes(setup.request.program).afterSpikeOnSpikesOnly).toBe(true);
          const { difference, spikes } = compare(setup, model, [new WasmKernel(setup.request)]);
          expect(difference).toBeNull();
          expect(spikes).toBeGreaterThanOrEqual(10);
        });
      }
    }
  }

  test('each vector holding a spike runs once, even where two of its lanes spiked', () => {
    // AdEx's reset w += b is not idempotent: a vector run twice would add b twice.
    const setup = setUp(MODEL_LIBRARY.adex!, 'float64', 1, 'euler', false);
    const phase = createWasmPhaseKernel({
      phased: splitAtSpikes(setup.request.program),
      dtype: 'float64',
      n: N,
      batchSize: 1,
      parameters: setup.request.parameters,
      input: new Float64Array(N),
    });
    const v = phase.view('v');
    const w = phase.view('w');
    v.fill(-70);
    w.fill(0);
    for (const i of [4, 5, 9]) v[i] = 100; // 4 and 5 share a float64 vector
    const indices = new Uint32Array(N);
    const count = phase.integrate(0, indices);
    expect(setOf(indices, count)).toEqual([4, 5, 9]);
    const [vBefore, wBefore] = [[...v], [...w]];
    phase.afterSpike(0, indices, count);
    const at = (name: string, j: number): number => {
      const value = setup.request.parameters.get(name)!;
      return typeof value === 'number' ? value : value[j]!;
    };
    const spiked = (j: number) => [4, 5, 9].includes(j);
    expect(at('b', 4)).toBeGreaterThan(0);
    expect([...w]).toEqual(wBefore.map((x, j) => (spiked(j) ? x + at('b', j) : x)));
    // Lanes that did not spike keep v, also in a vector that holds a spike (element 8 beside 9).
    expect([...v]).toEqual(vBefore.map((x, j) => (spiked(j) ? at('vReset', j) : x)));
    phase.dispose();
  });

  test('afterSpike runs on the vectors of the spike list, not on every element whose spike flag is set', () => {
    const setup = setUp(MODEL_LIBRARY.lif!, 'float64', 1, 'euler', false);
    const request = {
      phased: splitAtSpikes(setup.request.program),
      dtype: 'float64' as const,
      n: N,
      batchSize: 1,
      parameters: setup.request.parameters,
      input: new Float64Array(N),
    };
    const run = (phased: typeof request.phased) => {
      const phase = createWasmPhaseKernel({ ...request, phased });
      const v = phase.view('v');
      v.fill(-70);
      v[6] = 100; // element 6 spikes, alone in the list
      const indices = new Uint32Array(N);
      expect(setOf(indices, phase.integrate(0, indices))).toEqual([6]);
      const integrated = [...v];
      phase.view('s')[12] = 1; // a flag the list does not name
      phase.afterSpike(0, indices, 1);
      const changed = integrated.flatMap((x, i) => (Object.is(x, v[i]) ? [] : [i]));
      phase.dispose();
      return changed;
    };
    expect(run(request.phased)).toEqual([6]);
    expect(run({ ...request.phased, afterSpikeOnSpikesOnly: false })).toEqual([6, 12]);
  });
});

describe("precision: 'fast': the phases are one step of the fast fused kernel", () => {
  for (const model of Object.values(MODEL_LIBRARY)) {
    for (const dtype of ['float32', 'float64'] as const) {
      for (const integrator of ['euler', 'rk4']) {
        test(`${model.name} ${dtype} batch 3 ${integrator}: bit for bit (${STEPS} steps)`, () => {
          const setup = setUp(model, dtype, 3, integrator);
          const fused = new WasmKernel(setup.request, undefined, undefined, 'fast');
          expect(fused.description).toContain('fast arithmetic');
          const { difference, spikes } = compare(setup, model, [fused], 'fast');
          expect(difference).toBeNull();
          if (setup.request.program.spikes) expect(spikes).toBeGreaterThanOrEqual(10);
        });
      }
    }
  }

  test('the fast phases are not the exact ones (cuba-lif divides by per-neuron time constants)', () => {
    for (const dtype of ['float32', 'float64'] as const) {
      const model = MODEL_LIBRARY['cuba-lif']!;
      const setup = setUp(model, dtype, 1, 'euler');
      const { difference } = compare(setup, model, [new WasmKernel(setup.request)], 'fast');
      expect(difference, dtype).not.toBeNull();
    }
  });
});

test('a model without a threshold integrates, counts no spikes and leaves the indices alone', () => {
  const leak: ModelSpec = {
    name: 'leak',
    parameters: { tau: { default: 10 } },
    state: { v: { initial: 0 } },
    equations: { v: '(I - v) / tau' },
  };
  const { request } = setUp(leak, 'float64', 1, 'euler');
  expect(request.program.spikes).toBeNull();
  const phase = createWasmPhaseKernel({
    phased: splitAtSpikes(request.program),
    dtype: 'float64',
    n: N,
    batchSize: 1,
    parameters: request.parameters,
    input: new Float64Array(N).fill(2),
  });
  const indices = new Uint32Array(N).fill(7);
  expect(phase.integrate(0, indices)).toBe(0);
  phase.afterSpike(0, indices, 0);
  expect(indices.every((index) => index === 7)).toBe(true);
  const fused = new WasmKernel(request);
  fused.writeState('v', new Float64Array(N));
  const data = new Float64Array(N).fill(2);
  fused.run({ steps: 1, firstStep: 0, input: { layout: 'neuron', perStep: false, data }, recordings: [] });
  expect(phase.view('v')[0]).toBeGreaterThan(0);
  expect(firstDifference(phase.view('v'), fused.readState('v'))).toBeNull();
  phase.dispose();
  fused.dispose();
});

test('one input for every neuron is a constant of the step: no input region, the same state as per neuron', () => {
  for (const dtype of ['float32', 'float64'] as const) {
    const model = MODEL_LIBRARY['cuba-lif']!;
    const { request } = setUp(model, dtype, 1, 'euler');
    const make = (input: Float64Array) =>
      createWasmPhaseKernel({
        phased: splitAtSpikes(request.program),
        dtype,
        n: N,
        batchSize: 1,
        parameters: request.parameters,
        input,
      });
    const uniform = make(new Float64Array(N).fill(20));
    // The same input but for the last neuron: a region again, and the other neurons step the same.
    const perNeuron = make(new Float64Array(N).fill(20).fill(21, N - 1));
    const layoutOf = (kernel: PhaseKernel) =>
      (kernel as unknown as { layout: { perElement: ReadonlyMap<string, number> } }).layout;
    expect(layoutOf(uniform).perElement.has('I')).toBe(false);
    expect(layoutOf(perNeuron).perElement.has('I')).toBe(true);
    const spikes = new Uint32Array(N);
    const v = uniform.view('v');
    const other = perNeuron.view('v');
    let lastNeuronApart = false;
    for (let step = 0; step < STEPS; step++) {
      for (const kernel of [uniform, perNeuron])
        kernel.afterSpike(step, spikes, kernel.integrate(step, spikes));
      expect(
        firstDifference(v.subarray(0, N - 1), other.subarray(0, N - 1)),
        `${dtype} step ${step}`,
      ).toBeNull();
      lastNeuronApart ||= v[N - 1] !== other[N - 1];
    }
    expect(lastNeuronApart).toBe(true);
    uniform.dispose();
    perNeuron.dispose();
  }
});

describe('views and lifetime', () => {
  const setup = (): { phase: PhaseKernel; size: number } => {
    const { request } = setUp(MODEL_LIBRARY.lif!, 'float64', 2, 'euler');
    const phase = createWasmPhaseKernel({
      phased: splitAtSpikes(request.program),
      dtype: 'float64',
      n: N,
      batchSize: 2,
      parameters: request.parameters,
      input: new Float64Array(N),
    });
    return { phase, size: 2 * N };
  };

  test('a view is live: writes between the phases reach afterSpike, and the phases write it', () => {
    const { phase } = setup();
    const v = phase.view('v');
    expect(v).toBeInstanceOf(Float64Array);
    expect(v.length).toBe(2 * N);
    v.fill(-65);
    const indices = new Uint32Array(2 * N);
    // Element 17 (row 1, neuron 4) is pushed over the threshold before integrate and spikes alone.
    v[17] = 100;
    expect(setOf(indices, phase.integrate(0, indices))).toEqual([17]);
    phase.afterSpike(0, indices, 1);
    expect(v[17]).not.toBe(100);
    expect(phase.view('v')).toBe(v);
    phase.dispose();
  });

  test('an unknown state name and use after dispose are BackendErrors', () => {
    const { phase } = setup();
    expect(() => phase.view('nope')).toThrow(BackendError);
    phase.dispose();
    expect(() => phase.integrate(0, new Uint32Array(2 * N))).toThrow(/after dispose/);
  });
});
