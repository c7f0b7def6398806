import { describe, expect, test } from 'vitest';
import { InputError } from '../errors.js';
import type { ModelSpec } from '../model/spec.js';
import { interpreterBackend } from '../reference/interpreter-backend.js';
import { thrown } from '../testing/helpers.js';
import { ELIFPopulation } from './elif-population.js';
import { Population, StateError } from './population.js';

// x grows by a factor 1 + 1e9 per step (dt 0.1), so it overflows float64 after a few dozen steps.
const GROWTH: ModelSpec = {
  name: 'growth',
  parameters: {},
  state: { x: { initial: 1 } },
  equations: { x: 'x*1e10' },
};

/** The first step after which x = x + dt*(x*1e10) is not finite in float64. */
function overflowStep(): number {
  let x = 1;
  for (let step = 0; ; step++) {
    x = x + 0.1 * (x * 1e10);
    if (!Number.isFinite(x)) return step;
  }
}

const growth = () => new Population(GROWTH, { n: 2, backend: interpreterBackend(), dtype: 'float64' });

describe('inputs must be finite in the population dtype', () => {
  test('forward([1e39, 1]) on float32 is an InputError and takes no step', () => {
    const pop = new ELIFPopulation({ n: 2, backend: interpreterBackend(), dtype: 'float32' });
    const error = thrown(() => pop.forward([1e39, 1]), InputError);
    expect(error.message).toBe(
      'input[0] (neuron 0) is 1e+39; inputs must be finite numbers in float32 (|x| <= 3.4028234663852886e38)',
    );
    expect(pop.stepCount).toBe(0);
    expect([...pop.v]).toEqual([-62, -62]);
  });

  test('the same input is fine in float64', () => {
    const pop = new ELIFPopulation({ n: 2, backend: interpreterBackend(), dtype: 'float64' });
    pop.forward([1e39, 1]);
    expect(pop.stepCount).toBe(1);
  });

  test.each([
    ['a number', 1e39],
    ['a constant', { constant: 1e39 }],
    ['per-step values', { steps: [0, 0, -1e39] }],
    ['a function', (_step: number, buffer: Float32Array | Float64Array) => buffer.fill(1e39)],
  ])('a run with %s out of float32 range is an InputError', (_what, input) => {
    const pop = new ELIFPopulation({ n: 1, backend: interpreterBackend(), dtype: 'float32' });
    expect(() => pop.run(3, { input: input as never })).toThrow(InputError);
    expect(pop.stepCount).toBe(0);
    expect([...pop.v]).toEqual([-62]);
  });

  test('the largest float32 is a valid input', () => {
    const pop = new ELIFPopulation({
      n: 1,
      backend: interpreterBackend(),
      dtype: 'float32',
      threshold: 1e30,
    });
    pop.forward(3.4028234663852886e38);
    expect(pop.stepCount).toBe(1);
  });

  test('writeState refuses Infinity and values beyond float32', () => {
    const pop = new ELIFPopulation({ n: 2, backend: interpreterBackend(), dtype: 'float32' });
    expect(() => pop.writeState('v', [0, Number.POSITIVE_INFINITY])).toThrow(
      'state "v"[1] is Infinity; expected a finite number in float32',
    );
    expect(() => pop.writeState('v', [-1e39, 0])).toThrow(InputError);
    expect([...pop.v]).toEqual([-62, -62]);
  });
});

describe('Infinity in state is a StateError naming the step it appeared', () => {
  test('stepping one at a time names the exact step', () => {
    const pop = growth();
    const expected = overflowStep();
    for (let step = 0; step < expected; step++) pop.forward(0);
    const error = thrown(() => pop.forward(0), StateError);
    expect(error.message).toContain(`state "x" became Infinity (batch row 0, neuron 0) at step ${expected};`);
    expect(error.code).toBe('STATE');
  });

  test('run(2000) names the step it appeared at, not step 1999, and stops there', () => {
    const pop = growth();
    pop.run(3);
    const error = thrown(() => pop.run(2000), StateError);
    const step = overflowStep();
    expect(error.message).toContain(`state "x" became Infinity (batch row 0, neuron 0) at step ${step};`);
    expect(error.message).not.toContain('1999');
    // The run was replayed from its start up to that step: the population stands right after it.
    expect(pop.stepCount).toBe(step + 1);
    expect(pop.state('x')[0]).toBe(Number.POSITIVE_INFINITY);
  });

  test('a replay feeds each step its own input', () => {
    // x' = I*I: only the input of step 7 overflows x.
    const integrator: ModelSpec = {
      name: 'integrator',
      parameters: {},
      state: { x: { initial: 0 } },
      equations: { x: 'I*I' },
    };
    const pop = new Population(integrator, { n: 1, backend: interpreterBackend(), dtype: 'float64' });
    const steps = new Float64Array(20);
    steps[6] = 1e100;
    steps[7] = 1e200;
    expect(() => pop.run(20, { input: { steps } })).toThrow('at step 7;');
  });

  // An input function is not called twice, so these runs are not replayed: a recording narrows the step.
  const fromFunction = { input: (_step: number, buffer: Float32Array | Float64Array) => void buffer.fill(0) };

  test('a run with an input function that records the state names the exact step', () => {
    const error = thrown(
      () => growth().run(2000, { ...fromFunction, record: ['x'], spikes: false }),
      StateError,
    );
    expect(error.message).toContain(
      `state "x" became Infinity (batch row 0, neuron 0) at step ${overflowStep()} (first seen in the recording of "x")`,
    );
  });

  test('a recording with a stride names the steps it was first seen between', () => {
    const stride = 8;
    const error = thrown(() => growth().run(200, { ...fromFunction, record: ['x'], stride }), StateError);
    // Row j holds the state after step j*stride: the first row past the overflow bounds it.
    const row = Math.ceil(overflowStep() / stride);
    expect(error.message).toContain(
      `between steps ${(row - 1) * stride + 1} and ${row * stride} (first seen in the recording of "x", every ${stride} steps)`,
    );
  });

  test('a run with an input function and no recording names the range and how to find the step', () => {
    const error = thrown(() => growth().run(2000, fromFunction), StateError);
    expect(error.message).toContain(
      'state "x" became Infinity (batch row 0, neuron 0) between steps 0 and 1999 (record "x" with run(steps, { record: ["x"] }) to find the step)',
    );
  });

  test('-Infinity is reported as such', () => {
    const pop = new Population(GROWTH, {
      n: 1,
      backend: interpreterBackend(),
      dtype: 'float64',
      init: { x: -1 },
    });
    const error = thrown(() => pop.run(100, { record: ['x'] }), StateError);
    expect(error.message).toContain(
      `state "x" became -Infinity (batch row 0, neuron 0) at step ${overflowStep()}`,
    );
  });
});
