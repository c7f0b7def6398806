import { describe, expect, test } from 'vitest';
import type { Backend } from '../backend.js';
import { BackendError, DisposedError, InputError, ModelSpecError, ParameterError } from '../errors.js';
import type { ModelSpec } from '../model/spec.js';
import { interpreterBackend } from '../reference/interpreter-backend.js';
import { thrown } from '../testing/helpers.js';
import { ELIFPopulation, type ELIFPopulationOptions } from './elif-population.js';
import { Population } from './population.js';

/** An ELIF population that sums its input, so tests can see exactly what each element received. */
function summing(options: Partial<ELIFPopulationOptions> = {}): ELIFPopulation {
  return new ELIFPopulation({
    n: 3,
    batchSize: 2,
    backend: interpreterBackend(),
    dtype: 'float64',
    sumInput: true,
    ...options,
  });
}
const sums = (pop: Population) => [...pop.state('summedInput')];

const CLOCK: ModelSpec = {
  name: 'clock',
  parameters: {},
  state: { x: { initial: 0 } },
  equations: { x: 't' },
};

describe('forward input', () => {
  test('one number goes to every element', () => {
    const pop = summing();
    pop.forward(2);
    expect(sums(pop)).toEqual([2, 2, 2, 2, 2, 2]);
    expect(pop.stepCount).toBe(1);
  });

  test('n values are broadcast over the batch rows', () => {
    const pop = summing();
    pop.forward([1, 2, 3]);
    expect(sums(pop)).toEqual([1, 2, 3, 1, 2, 3]);
    pop.forward(Float32Array.from([10, 20, 30]));
    expect(sums(pop)).toEqual([11, 22, 33, 11, 22, 33]);
  });

  test('batchSize*n values are row-major, batch first', () => {
    const pop = summing();
    pop.forward([1, 2, 3, 4, 5, 6]);
    expect(sums(pop)).toEqual([1, 2, 3, 4, 5, 6]);
    pop.forward(Float64Array.from([1, 1, 1, 2, 2, 2]));
    expect(sums(pop)).toEqual([2, 3, 4, 6, 7, 8]);
  });

  test('the kernel gets the layout it should', () => {
    const backend = interpreterBackend();
    const pop = new ELIFPopulation({ n: 3, batchSize: 2, backend });
    pop.forward(1);
    pop.forward([1, 2, 3]);
    pop.forward([1, 2, 3, 4, 5, 6]);
    const runs = backend.kernels[0]!.runs;
    expect(
      runs.map((r) => [r.input.layout, r.input.perStep, r.steps, r.firstStep, r.recordings.length]),
    ).toEqual([
      ['scalar', false, 1, 0, 0],
      ['neuron', false, 1, 1, 0],
      ['full', false, 1, 2, 0],
    ]);
    expect(runs[1]!.input.data).toBeInstanceOf(Float32Array);
  });

  test('a wrong length names the lengths that would work', () => {
    const pop = summing();
    const error = thrown(() => pop.forward([1, 2]), InputError);
    expect(error.message).toBe(
      'input has 2 values; expected 1 value, n = 3 values (broadcast over the batch) or batchSize*n = 6 values (row-major, batch first)',
    );
    expect(() => pop.forward([])).toThrow('input has 0 values');
    expect(() => pop.forward([1, 2, 3, 4, 5, 6, 7])).toThrow('input has 7 values');
    expect(pop.stepCount).toBe(0);
    expect(sums(pop)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  test.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])(
    'a non-finite number (%s) is refused',
    (x) => {
      const pop = summing();
      const error = thrown(() => pop.forward(x), InputError);
      expect(error.message).toBe(`input is ${x}; inputs must be finite numbers`);
      expect(error.code).toBe('INPUT');
      expect(pop.stepCount).toBe(0);
    },
  );

  test('a non-finite value in n values names index and neuron', () => {
    const pop = summing();
    expect(() => pop.forward([1, Number.NaN, 3])).toThrow(
      'input[1] (neuron 1) is NaN; inputs must be finite numbers',
    );
    expect(() => pop.forward([1, 2, Number.POSITIVE_INFINITY])).toThrow('input[2] (neuron 2) is Infinity');
  });

  test('a non-finite value in batchSize*n values names index, batch row and neuron', () => {
    const pop = summing();
    expect(() => pop.forward([0, 0, 0, 0, Number.NaN, 0])).toThrow(
      'input[4] (batch row 1, neuron 1) is NaN; inputs must be finite numbers',
    );
    expect(() => pop.forward(Float64Array.from([Number.NEGATIVE_INFINITY, 0, 0, 0, 0, 0]))).toThrow(
      'input[0] (batch row 0, neuron 0) is -Infinity',
    );
    expect(pop.stepCount).toBe(0);
    expect(sums(pop)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  test('a non-finite value with batch size 1', () => {
    const pop = summing({ batchSize: 1 });
    expect(() => pop.forward([0, Number.NaN, 0])).toThrow('input[1] (neuron 1) is NaN');
    const one = summing({ batchSize: 1, n: 1 });
    expect(() => one.forward([Number.NaN])).toThrow('input[0] is NaN');
  });
});

describe('run', () => {
  test('{ constant } and plain values apply the same input every step', () => {
    const a = summing();
    a.run(4, { input: { constant: 2 } });
    expect(sums(a)).toEqual([8, 8, 8, 8, 8, 8]);
    const b = summing();
    b.run(3, { input: { constant: [1, 2, 3] } });
    expect(sums(b)).toEqual([3, 6, 9, 3, 6, 9]);
    const c = summing();
    c.run(2, { input: [1, 2, 3, 4, 5, 6] });
    expect(sums(c)).toEqual([2, 4, 6, 8, 10, 12]);
    const d = summing();
    d.run(5, { input: 0.5 });
    expect(sums(d)).toEqual([2.5, 2.5, 2.5, 2.5, 2.5, 2.5]);
    expect(d.stepCount).toBe(5);
  });

  test('no input means zero input', () => {
    const pop = summing();
    const result = pop.run(3);
    expect(sums(pop)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(result.steps).toBe(3);
    expect(result.stride).toBe(1);
    expect(result.recorded).toEqual({});
  });

  test('{ steps } with 1, n or batchSize*n values per step', () => {
    const scalar = summing();
    scalar.run(3, { input: { steps: [1, 2, 4] } });
    expect(sums(scalar)).toEqual([7, 7, 7, 7, 7, 7]);

    const neuron = summing();
    neuron.run(2, { input: { steps: [1, 2, 3, 10, 20, 30] } });
    expect(sums(neuron)).toEqual([11, 22, 33, 11, 22, 33]);

    const full = summing();
    full.run(2, { input: { steps: [1, 2, 3, 4, 5, 6, 10, 20, 30, 40, 50, 60] } });
    expect(sums(full)).toEqual([11, 22, 33, 44, 55, 66]);
  });

  test('{ steps } feeds step k its own block (checked against forward)', () => {
    const T = 6;
    const data = Array.from({ length: T * 3 }, (_, i) => ((i * 7) % 5) - 1.5);
    const viaRun = summing({ dtype: 'float32' });
    const result = viaRun.run(T, { input: { steps: data }, record: ['summedInput', 'v'] });
    const viaForward = summing({ dtype: 'float32' });
    for (let k = 0; k < T; k++) {
      viaForward.forward(data.slice(k * 3, k * 3 + 3));
      expect([...result.recorded.summedInput!.slice(k * 6, k * 6 + 6)]).toEqual(sums(viaForward));
      expect([...result.recorded.v!.slice(k * 6, k * 6 + 6)]).toEqual([...viaForward.v]);
    }
  });

  test('{ steps } of the wrong length names the expected lengths', () => {
    const pop = summing();
    const error = thrown(() => pop.run(3, { input: { steps: [1, 2] } }), InputError);
    expect(error.message).toBe(
      'input.steps has 2 values; expected 3 steps x 1 value, 3 steps x n = 3 values (broadcast over the batch) ' +
        'or 3 steps x batchSize*n = 6 values (row-major, batch first)',
    );
    expect(() => pop.run(2, { input: { steps: 'abc' as never } })).toThrow(
      'input.steps must be an array of numbers',
    );
    expect(() => pop.run(2, { input: { what: 1 } as never })).toThrow(InputError);
    expect(pop.stepCount).toBe(0);
  });

  test('{ steps } with a non-finite value names its index', () => {
    const pop = summing();
    expect(() => pop.run(2, { input: { steps: [1, Number.NaN] } })).toThrow('input.steps[1] (step 1) is NaN');
    expect(() => pop.run(1, { input: { constant: Number.NaN } })).toThrow('input.constant is NaN');
    expect(() => pop.run(1, { input: { constant: [0, 0, Number.POSITIVE_INFINITY] } })).toThrow(
      'input.constant[2] (neuron 2) is Infinity',
    );
  });

  test('{ steps } with a non-finite value names the step and neuron', () => {
    const pop = summing();
    const error = thrown(() => pop.run(2, { input: { steps: [0, 0, 0, 0, Number.NaN, 0] } }), InputError);
    expect(error.message).toContain('step 1');
    expect(error.message).not.toContain('batch row');
  });

  test('a callback fills each step in place', () => {
    const pop = summing();
    const seen: number[] = [];
    pop.run(4, {
      input: (step, buffer) => {
        seen.push(step);
        expect(buffer).toHaveLength(6);
        expect(buffer).toBeInstanceOf(Float64Array);
        for (let i = 0; i < buffer.length; i++) buffer[i] = step * 10 + i;
      },
    });
    expect(seen).toEqual([0, 1, 2, 3]);
    // sum over steps 0..3 of (10k + i) = 60 + 4i
    expect(sums(pop)).toEqual([60, 64, 68, 72, 76, 80]);
  });

  test('a callback that writes a non-finite value is refused, naming the step', () => {
    const pop = summing();
    const error = thrown(
      () =>
        pop.run(4, {
          input: (step, buffer) => {
            buffer.fill(step === 2 ? Number.NaN : 1);
          },
        }),
      InputError,
    );
    expect(error.message).toContain('input of step 2');
    expect(error.message).toContain('(batch row 0, neuron 0) is NaN');
  });

  test('run(T) equals T forward calls', () => {
    for (const dtype of ['float32', 'float64'] as const) {
      const inputs = Array.from({ length: 70 }, (_, k) => [0.9 + 0.01 * k, 1.4, 0.2 * (k % 7)]);
      const a = summing({ dtype, batchSize: 1 });
      const b = summing({ dtype, batchSize: 1 });
      a.run(70, { input: { steps: inputs.flat() } });
      for (const x of inputs) b.forward(x);
      for (const name of a.stateNames) expect(a.state(name)).toEqual(b.state(name));
      expect(a.stepCount).toBe(70);
      expect(b.stepCount).toBe(70);
      expect(a.s.length).toBe(3);
      expect(a.refractory.some((r) => r > 0)).toBe(true);
    }
  });

  test('t continues across runs and forward calls; reset restarts it', () => {
    const backend = interpreterBackend();
    const once = new Population(CLOCK, { n: 1, backend, dtype: 'float64' });
    once.run(7);
    const split = new Population(CLOCK, { n: 1, backend, dtype: 'float64' });
    split.run(3);
    split.forward(0);
    split.run(3);
    let x = 0;
    for (let k = 0; k < 7; k++) x += k * 0.1 * 0.1;
    expect(once.state('x')[0]).toBeCloseTo(x, 15);
    expect(split.state('x')).toEqual(once.state('x'));
    expect(backend.kernels[1]!.runs.map((r) => r.firstStep)).toEqual([0, 3, 4]);
    split.reset();
    split.run(7);
    expect(split.state('x')).toEqual(once.state('x'));
  });

  test('record + stride: ceil(T/stride) rows, row j is the state after step j*stride', () => {
    for (const [T, stride] of [
      [10, 3],
      [9, 3],
      [7, 1],
      [5, 10],
    ] as const) {
      const recorded = summing({ batchSize: 2, n: 3 });
      const size = 6;
      const x = (k: number) => [0.5 * k, 2, 30, 4 + k, 50, 6];
      const result = recorded.run(T, {
        input: (k, buffer) => buffer.set(x(k)),
        record: ['summedInput', 'v', 's'],
        stride,
      });
      const rows = Math.ceil(T / stride);
      expect(result.stride).toBe(stride);
      expect(result.recorded.summedInput).toHaveLength(rows * size);
      expect(result.recorded.v).toBeInstanceOf(Float64Array);
      expect(result.recorded.s).toBeInstanceOf(Uint8Array);
      expect(result.recorded.s).toHaveLength(rows * size);
      expect(result.spikes).toHaveLength(T * size);
      const twin = summing({ batchSize: 2, n: 3 });
      for (let k = 0; k < T; k++) {
        twin.forward(x(k));
        if (k % stride === 0) {
          const j = k / stride;
          expect([...result.recorded.summedInput!.slice(j * size, (j + 1) * size)]).toEqual(sums(twin));
          expect([...result.recorded.v!.slice(j * size, (j + 1) * size)]).toEqual([...twin.v]);
          expect([...result.recorded.s!.slice(j * size, (j + 1) * size)]).toEqual([...twin.s]);
        }
        expect([...result.spikes!.slice(k * size, (k + 1) * size)]).toEqual([...twin.s]);
      }
    }
  });

  test('recorded state has the population dtype', () => {
    const pop = summing({ dtype: 'float32' });
    const result = pop.run(2, { record: ['v', 'refractory'] });
    expect(result.recorded.v).toBeInstanceOf(Float32Array);
    expect(result.recorded.refractory).toBeInstanceOf(Float32Array);
  });

  test('spikes: false records no spikes; a model without threshold has none', () => {
    const pop = summing();
    expect(pop.run(2, { spikes: false }).spikes).toBeUndefined();
    const clock = new Population(CLOCK, { n: 2, backend: interpreterBackend() });
    const result = clock.run(3, { record: ['x'] });
    expect(result.spikes).toBeUndefined();
    expect(result.recorded.x).toHaveLength(6);
    expect(clock.stateNames).toEqual(['x']);
  });

  test('invalid steps, stride and record names', () => {
    const pop = summing();
    expect(() => pop.run(0)).toThrow(ParameterError);
    expect(() => pop.run(0)).toThrow('steps must be a positive integer, got 0');
    expect(() => pop.run(2.5)).toThrow('steps must be a positive integer, got 2.5');
    expect(() => pop.run(3, { stride: 0 })).toThrow('stride must be a positive integer, got 0');
    expect(() => pop.run(3, { stride: 1.5 })).toThrow('stride must be a positive integer');
    expect(() => pop.run(3, { record: ['u'] })).toThrow(
      '"elif" population has no state "u" (state: v, refractory, s, traces, summedInput)',
    );
    expect(pop.stepCount).toBe(0);
  });
});

describe('parameters and options', () => {
  const elifWith = (options: Partial<ELIFPopulationOptions>) =>
    new ELIFPopulation({ n: 3, backend: interpreterBackend(), ...options });

  test.each([
    [{ tau: 0 }, 'parameter "tau" of model "elif" must be > 0, got 0'],
    [{ tau: -1 }, 'parameter "tau" of model "elif" must be > 0, got -1'],
    [{ deltaT: 0 }, 'parameter "deltaT" of model "elif" must be > 0, got 0'],
    [{ deltaT: -0.5 }, 'parameter "deltaT" of model "elif" must be > 0, got -0.5'],
    [{ tau: Number.NaN }, 'parameter "tau" of model "elif" must be a finite number, got NaN'],
    [{ R: Number.POSITIVE_INFINITY }, 'parameter "R" of model "elif" must be a finite number, got Infinity'],
    [{ threshold: Number.NaN }, 'parameter "threshold" of model "elif" must be a finite number, got NaN'],
    [{ refracLength: -1 }, 'parameter "refracLength" of model "elif" must be >= 0, got -1'],
    [{ traceTau: 0 }, 'parameter "traceTau" of model "elif" must be > 0, got 0'],
    [
      { tau: [1, 2] },
      'parameter "tau" of model "elif" has 2 values; expected one number or one per neuron (n = 3)',
    ],
    [{ tau: [1, 0, 1] }, 'parameter "tau" of model "elif"[1] must be > 0, got 0'],
    [
      { resetPot: [1, Number.NaN, 1] },
      'parameter "resetPot" of model "elif"[1] must be a finite number, got NaN',
    ],
    [{ tau: null as never }, 'parameter "tau" of model "elif" cannot be null'],
    [
      { lowerBound: [1, 2, 3] as never },
      'parameter "lowerBound" of model "elif" is one value for the whole population',
    ],
    [
      { params: { taux: 1 } as never },
      'unknown parameter "taux" for model "elif" (parameters: tau, threshold,',
    ],
  ])('%j is a ParameterError naming the parameter', (options, message) => {
    const error = thrown(() => elifWith(options), ParameterError);
    expect(error.message).toContain(message);
    expect(error.code).toBe('PARAMETER');
  });

  test.each([0, -0.1, Number.NaN, Number.POSITIVE_INFINITY, '0.1'])('dt = %s is a ParameterError', (dt) => {
    const error = thrown(() => elifWith({ dt: dt as number }), ParameterError);
    expect(error.message).toBe(`dt must be a finite number > 0 (ms), got ${dt}`);
  });

  test('lowerBound may be a number or null', () => {
    expect(elifWith({ lowerBound: -80 }).params.get('lowerBound')).toBe(-80);
    expect(elifWith({ lowerBound: null }).params.get('lowerBound')).toBeNull();
  });

  test.each([
    [{ n: 0 }, 'n must be a positive integer, got 0'],
    [{ n: 1.5 }, 'n must be a positive integer, got 1.5'],
    [{ n: undefined }, 'give the number of neurons as n (or shape)'],
    [{ batchSize: 0 }, 'batchSize must be a positive integer, got 0'],
    [{ shape: [2, 0] }, 'shape[1] must be a positive integer, got 0'],
    [{ shape: [] }, 'shape must be a non-empty array of positive integers'],
    [{ n: 5, shape: [2, 2] }, 'n = 5 does not match shape [2, 2] (product 4)'],
    [{ dtype: 'float16' as never }, 'dtype must be "float32" or "float64", got "float16"'],
    [{ refractory: 'never' as never }, 'refractory must be "steps" or "seed", got "never"'],
    [{ integrator: 'rk5' }, 'unknown integrator "rk5" (available: euler, rk2, rk4, exponential-euler)'],
  ])('%j is a ParameterError', (options, message) => {
    expect(() => elifWith(options)).toThrow(ParameterError);
    expect(() => elifWith(options)).toThrow(message);
  });

  test('an unsupported dtype is a BackendError naming the supported one, before any kernel is made', () => {
    const backend = interpreterBackend({ name: 'f32only', dtypes: ['float32'] });
    const error = thrown(() => new ELIFPopulation({ n: 1, backend, dtype: 'float64' }), BackendError);
    expect(error.message).toBe('backend "f32only" does not support dtype float64; it supports float32');
    expect(backend.kernels).toHaveLength(0);
    expect(new ELIFPopulation({ n: 1, backend, dtype: 'float32' }).dtype).toBe('float32');
  });

  test('a missing backend is a BackendError', () => {
    expect(() => new ELIFPopulation({ n: 1, backend: undefined as unknown as Backend })).toThrow(
      BackendError,
    );
    expect(() => new ELIFPopulation({ n: 1, backend: {} as Backend })).toThrow(
      'options.backend must be a backend',
    );
  });

  test('spike traces need a threshold; feature parameters may not clash with model parameters', () => {
    const backend = interpreterBackend();
    expect(() => new Population(CLOCK, { n: 1, backend, spikeTrace: true })).toThrow(
      'spikeTrace needs a model with a threshold; "clock" never spikes',
    );
    // Without a threshold there are no trace parameters to set.
    expect(() => new Population(CLOCK, { n: 1, backend, traceTau: 5 })).toThrow(
      'unknown parameter "traceTau"',
    );
    const clash: ModelSpec = {
      name: 'clash',
      parameters: { traceTau: { default: 1 } },
      state: { v: { initial: 0 } },
      threshold: 'v > 1',
    };
    expect(() => new Population(clash, { n: 1, backend })).toThrow(
      'model "clash", parameter "traceTau": "traceTau" is defined by every population',
    );
  });

  test('a state variable named like a trace parameter is refused', () => {
    const clash: ModelSpec = {
      name: 'clash',
      parameters: {},
      state: { v: { initial: 0 }, traceScale: { initial: 100 } },
      equations: { v: 'I' },
      threshold: 'v > 1',
      reset: { v: '0' },
    };
    expect(
      () => new Population(clash, { n: 1, backend: interpreterBackend(), additiveSpikeTrace: true }),
    ).toThrow(ModelSpecError);
  });

  test('trace parameters are checked even while traces are off', () => {
    expect(() => elifWith({ spikeTrace: false, traceTau: -1 })).toThrow(
      'parameter "traceTau" of model "elif" must be > 0',
    );
  });

  test('the kernel receives the program parameters, derived constants included', () => {
    const backend = interpreterBackend();
    const pop = new ELIFPopulation({ n: 2, backend, dtype: 'float64', refracLength: [5, 2], traceTau: 4 });
    const request = backend.kernels[0]!.request;
    expect(request.n).toBe(2);
    expect(request.batchSize).toBe(1);
    expect(request.dtype).toBe('float64');
    expect(request.program).toBe(pop.program);
    expect(request.parameters.get('_refractorySteps')).toEqual(Float64Array.from([50, 20]));
    // Once any parameter varies per neuron, derived constants are per neuron too.
    expect(request.parameters.get('_traceDecay')).toEqual(
      Float64Array.from([Math.exp(-0.1 / 4), Math.exp(-0.1 / 4)]),
    );
    expect(request.parameters.get('tau')).toBe(10);
    expect(request.parameters.has('lowerBound')).toBe(false);
    expect(request.parameters.has('refracLength')).toBe(false);
    const scalar = interpreterBackend();
    new ELIFPopulation({ n: 2, backend: scalar, dtype: 'float32', traceTau: 4, lowerBound: -70 });
    const scalarRequest = scalar.kernels[0]!.request;
    expect(scalarRequest.parameters.get('_refractorySteps')).toBe(50);
    expect(scalarRequest.parameters.get('_traceDecay')).toBe(
      Math.fround(Math.exp(Math.fround(-Math.fround(0.1) / 4))),
    );
    expect(scalarRequest.parameters.get('lowerBound')).toBe(-70);
  });

  test('a custom model in a Population, by spec or already validated', () => {
    const backend = interpreterBackend();
    const spec: ModelSpec = {
      name: 'decay',
      parameters: { k: { default: 2, constraint: 'positive' } },
      state: { x: { initial: 'k * 10' } },
      equations: { x: '-k * x' },
    };
    const pop = new Population(spec, { n: 2, backend, dtype: 'float64', params: { k: [1, 3] } });
    expect([...pop.state('x')]).toEqual([10, 30]);
    pop.forward(0);
    expect([...pop.state('x')]).toEqual([10 + -1 * 10 * 0.1, 30 + -3 * 30 * 0.1]);
    const again = new Population(pop.model, { n: 1, backend });
    expect(again.model).toBe(pop.model);
    expect(() => new Population(spec, { n: 1, backend, params: { k: 0 } })).toThrow(
      'parameter "k" of model "decay" must be > 0, got 0',
    );
    expect(() => new Population({ ...spec, equations: { x: '-k * y' } }, { n: 1, backend })).toThrow(
      'unknown symbol "y"',
    );
  });
});

describe('state access and lifecycle', () => {
  test('an unknown state name lists the valid ones', () => {
    const pop = summing();
    const error = thrown(() => pop.state('voltage'), ParameterError);
    expect(error.message).toBe(
      '"elif" population has no state "voltage" (state: v, refractory, s, traces, summedInput)',
    );
    const noTraces = summing({ spikeTrace: false, sumInput: false });
    expect(() => noTraces.traces).toThrow('(state: v, refractory, s)');
  });

  test('state() returns a copy', () => {
    const pop = summing();
    const v = pop.v;
    v[0] = 123;
    expect(pop.v[0]).toBe(-62);
  });

  test('read() works on every backend; state() needs synchronous reads', async () => {
    const backend = interpreterBackend({ name: 'gpu-ish', synchronousReads: false });
    const pop = new ELIFPopulation({ n: 2, backend });
    expect(() => pop.v).toThrow(BackendError);
    expect(() => pop.state('v')).toThrow(
      'backend "gpu-ish" reads state asynchronously; use await population.read("v")',
    );
    expect([...(await pop.read('v'))]).toEqual([-62, -62]);
    await expect(pop.read('nope')).rejects.toThrow(ParameterError);
    expect(() => pop.run(2)).toThrow(
      'backend "gpu-ish" runs asynchronously; use runAsync() instead of run()',
    );
    expect(() => pop.forward(0)).toThrow(BackendError);
  });

  test('runAsync() on an asynchronous backend', async () => {
    const backend = interpreterBackend({ synchronousReads: false });
    const pop = new ELIFPopulation({ n: 1, backend });
    const result = await pop.runAsync(60, { input: { constant: 100 }, record: ['v'] });
    expect(pop.stepCount).toBe(60);
    expect(result.spikes![0]).toBe(1);
    expect(result.spikes![51]).toBe(1);
    expect(result.recorded.v![1]).toBe(-62);
  });

  test('use after dispose raises a DisposedError', async () => {
    const backend = interpreterBackend();
    const pop = new ELIFPopulation({ n: 2, backend });
    pop.dispose();
    expect(backend.kernels[0]!.disposed).toBe(true);
    const checks: (() => unknown)[] = [
      () => pop.forward(0),
      () => pop.run(2),
      () => pop.v,
      () => pop.s,
      () => pop.traces,
      () => pop.state('v'),
      () => pop.reset(),
      () => pop.kernelDescription,
      () => pop.setBatchSize(2),
    ];
    for (const check of checks) {
      const error = thrown(check, DisposedError);
      expect(error.message).toBe('population of "elif" was disposed; create a new population instead');
    }
    await expect(pop.read('v')).rejects.toThrow(DisposedError);
    await expect(pop.runAsync(1)).rejects.toThrow(DisposedError);
    expect(() => pop.dispose()).not.toThrow();
  });

  test('setBatchSize() after dispose() allocates nothing', () => {
    const backend = interpreterBackend();
    const pop = new ELIFPopulation({ n: 2, backend });
    pop.dispose();
    expect(() => pop.setBatchSize(4)).toThrow(DisposedError);
    expect(backend.kernels).toHaveLength(1);
  });
});

describe('writeState', () => {
  test('sets chosen initial conditions that the next step starts from', () => {
    const pop = new ELIFPopulation({ n: 2, batchSize: 2, backend: interpreterBackend(), dtype: 'float64' });
    pop.writeState('v', [-60, -55, -70, -52]);
    expect([...pop.v]).toEqual([-60, -55, -70, -52]);
    pop.writeState('refractory', [0, 0, 3, 0]);
    pop.forward(0);
    expect(pop.v[2]).toBe(-70); // still refractory: frozen
    expect(pop.s[3]).toBe(1); // at the threshold: spikes
  });

  test('rejects a wrong length, NaN, and booleans other than 0/1', () => {
    const pop = new ELIFPopulation({ n: 2, backend: interpreterBackend() });
    expect(() => pop.writeState('v', [1])).toThrow('state "v" needs batchSize*n = 2 values, got 1');
    expect(() => pop.writeState('v', [1, Number.NaN])).toThrow('state "v"[1] is NaN');
    expect(() => pop.writeState('s', [0, 2])).toThrow('state "s"[1] is 2; expected 0 or 1');
    expect(() => pop.writeState('w', [0, 0])).toThrow(ParameterError);
  });
});

describe('overflow warnings', () => {
  test('warn where exp() overflows the dtype before the threshold, naming the way out', () => {
    const pop = new ELIFPopulation({ n: 3, threshold: [-52, 40, 100], backend: interpreterBackend() });
    expect(pop.warnings).toHaveLength(1);
    expect(pop.warnings[0]).toContain(
      'model "elif", equation for v: exp() overflows float32 before v reaches its threshold',
    );
    expect(pop.warnings[0]).toContain('(2 of 3 neurons, first neuron 1)');
    expect(pop.warnings[0]).toContain('(set vPeak)');
  });

  test('are silent in float64 where the exponential fits, and with the guard on', () => {
    expect(
      new ELIFPopulation({ n: 1, threshold: 100, dtype: 'float64', backend: interpreterBackend() }).warnings,
    ).toEqual([]);
    expect(
      new ELIFPopulation({ n: 1, threshold: 100, vPeak: 0, backend: interpreterBackend() }).warnings,
    ).toEqual([]);
    expect(new ELIFPopulation({ n: 1, backend: interpreterBackend() }).warnings).toEqual([]);
  });

  test('the guard caps v inside exp(), so the upswing stays finite within the step', () => {
    const integrated = (vPeak: number | null) => {
      const values: number[] = [];
      const backend = interpreterBackend({
        onStatement: ({ statement, value }) => {
          if (statement.kind === 'set' && statement.name === 'v' && values.length === 0)
            values.push(value as number);
        },
      });
      const pop = new ELIFPopulation({ n: 1, threshold: 100, vPeak, backend });
      pop.writeState('v', [90]);
      pop.forward(0);
      expect(pop.s[0]).toBe(1);
      return values[0]!;
    };
    expect(integrated(null)).toBe(Number.POSITIVE_INFINITY);
    expect(Number.isFinite(integrated(0))).toBe(true);
  });
});
