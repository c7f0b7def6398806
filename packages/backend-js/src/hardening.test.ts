import {
  BusyError,
  ELIF_MODEL,
  ELIFPopulation,
  InputError,
  IZHIKEVICH_MODEL,
  MemoryLimitError,
  ModelSpecError,
  ParameterError,
  Population,
  SynapticFlowError,
  validateModel,
} from '@synapticflow/core';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { jsBackend } from './index.js';

// The inputs that crashed or misbehaved before populations checked them, replayed on the js backend,
// whose kernels are generated JavaScript.
describe('hardened population calls on the js backend', () => {
  test('forward([1e39, 1]) on float32 is an InputError, not v = -Infinity', () => {
    const pop = new ELIFPopulation({ n: 2, backend: jsBackend() });
    expect(() => pop.forward([1e39, 1])).toThrow(InputError);
    expect([...pop.v]).toEqual([-62, -62]);
    expect(() => pop.run(10, { input: 1e39 })).toThrow(InputError);
    expect(pop.stepCount).toBe(0);
  });

  test('Infinity in state is a StateError naming the step', () => {
    const growth = {
      name: 'growth',
      parameters: {},
      state: { x: { initial: 1 } },
      equations: { x: 'x*1e10' },
    };
    const pop = new Population(growth, { n: 1, backend: jsBackend(), dtype: 'float32' });
    // float32 overflows (above 3.4e38) once (1 + 1e9)^k does: after step 4.
    expect(() => pop.run(50, { record: ['x'] })).toThrow(
      /became Infinity \(batch row 0, neuron 0\) at step 4;/,
    );
  });

  test('an Izhikevich run whose state overflows is a StateError, not rows of -Infinity', () => {
    // The library's Izhikevich model caps rk4's stages at vPeak; without that guard its square overflows.
    const { overflowGuard: _, ...unguarded } = IZHIKEVICH_MODEL;
    const pop = new Population(unguarded, { n: 1, backend: jsBackend(), integrator: 'rk4' });
    expect(() => pop.run(200, { input: 1e20, record: ['v'] })).toThrow(
      /state "u" became Infinity .* at step 0;/,
    );
  });

  test('the library Izhikevich model with rk4 stays finite under the same input', () => {
    const pop = new Population(IZHIKEVICH_MODEL, { n: 1, backend: jsBackend(), integrator: 'rk4' });
    const { recorded } = pop.run(200, { input: 1e20, record: ['v', 'u'] });
    expect(recorded.v!.every(Number.isFinite) && recorded.u!.every(Number.isFinite)).toBe(true);
  });

  test('steps: 1e10 and batchSize: 1e9 are MemoryLimitErrors, not RangeErrors', () => {
    const pop = new ELIFPopulation({ n: 1, backend: jsBackend() });
    expect(() => pop.run(1e10)).toThrow(MemoryLimitError);
    expect(() => new ELIFPopulation({ n: 1, batchSize: 1e9, backend: jsBackend() })).toThrow(
      MemoryLimitError,
    );
    expect(() => new ELIFPopulation({ n: Number.MAX_SAFE_INTEGER, backend: jsBackend() })).toThrow(
      MemoryLimitError,
    );
  });

  test('two concurrent runAsync(5) match two sequential ones', async () => {
    const input = { steps: Float32Array.from({ length: 5 * 3 }, (_, i) => (i % 7) * 0.4) };
    const sequential = new ELIFPopulation({ n: 3, backend: jsBackend() });
    await sequential.runAsync(5, { input });
    await sequential.runAsync(5, { input });
    const concurrent = new ELIFPopulation({ n: 3, backend: jsBackend() });
    await Promise.all([concurrent.runAsync(5, { input }), concurrent.runAsync(5, { input })]);
    expect(concurrent.stepCount).toBe(10);
    expect([...concurrent.v]).toEqual([...sequential.v]);
  });

  test('setBatchSize, dispose or reset inside an input function are BusyErrors; stepCount stays right', () => {
    for (const call of ['setBatchSize', 'dispose', 'reset'] as const) {
      const pop = new ELIFPopulation({ n: 2, backend: jsBackend() });
      const input = (step: number, buffer: Float32Array | Float64Array) => {
        buffer.fill(1);
        if (step === 2) call === 'setBatchSize' ? pop.setBatchSize(4) : pop[call]();
      };
      expect(() => pop.run(6, { input })).toThrow(BusyError);
      expect(pop.stepCount).toBe(2);
      expect(pop.batchSize).toBe(1);
      pop.forward(0);
      expect(pop.stepCount).toBe(3);
    }
  });

  test('a JSON look-alike of a validated model is validated, so nothing of it reaches generated code', () => {
    const lookalike = JSON.parse(JSON.stringify({ ...validateModel(ELIF_MODEL), definitions: {} }));
    lookalike.equations = [
      { target: 'v', field: 'x', expr: { kind: 'identifier', name: '(globalThis.pwned=1)' } },
    ];
    expect(() => new Population(lookalike, { n: 1, backend: jsBackend() })).toThrow(ModelSpecError);
    expect((globalThis as { pwned?: unknown }).pwned).toBeUndefined();
  });

  test("integrator: 'constructor' is an unknown integrator", () => {
    expect(() => new ELIFPopulation({ n: 1, backend: jsBackend(), integrator: 'constructor' })).toThrow(
      ParameterError,
    );
  });

  test('bad input always raises a named error and never changes state (property)', () => {
    const pop = new ELIFPopulation({ n: 3, batchSize: 2, backend: jsBackend(), sumInput: true });
    pop.run(5, { input: [1, 2, 3] });
    const snapshot = () => [pop.stepCount, ...pop.stateNames.map((name) => [...pop.state(name)])];
    const nonFinite = fc.oneof(
      fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
      fc.double({ min: 3.5e38, max: Number.MAX_VALUE, noNaN: true }).chain((x) => fc.constantFrom(x, -x)),
    );
    const badCount = fc.oneof(
      fc.integer({ max: 0 }),
      fc.double().filter((x) => !Number.isInteger(x)),
    );
    const calls = fc.oneof(
      fc.tuple(fc.constantFrom(1, 3, 6), fc.nat(), nonFinite).map(([length, at, x]) => () => {
        const values = new Array(length).fill(0);
        values[at % length] = x;
        return pop.forward(values);
      }),
      fc
        .integer({ min: 0, max: 12 })
        .filter((l) => ![1, 3, 6].includes(l))
        .map((l) => () => pop.forward(new Array(l).fill(0))),
      badCount.map((steps) => () => pop.run(steps)),
      badCount.map((stride) => () => pop.run(2, { stride })),
      fc.tuple(fc.nat(), nonFinite).map(([at, x]) => () => {
        const values = new Array(6).fill(-60);
        values[at % 6] = x;
        return pop.writeState('v', values);
      }),
    );
    fc.assert(
      fc.property(calls, (call) => {
        const before = snapshot();
        expect(call).toThrow(SynapticFlowError);
        expect(snapshot()).toEqual(before);
      }),
      { seed: 20261203, numRuns: 300 },
    );
  });
});
