import { describe, expect, test } from 'vitest';
import { ParameterError } from '../errors.js';
import { interpreterBackend } from '../reference/interpreter-backend.js';
import { thrown } from '../testing/helpers.js';
import { ELIFPopulation, type ELIFPopulationOptions } from './elif-population.js';

const elif = (options: Partial<ELIFPopulationOptions>) =>
  new ELIFPopulation({ n: 3, batchSize: 2, backend: interpreterBackend(), dtype: 'float64', ...options });

describe('the init option', () => {
  test('one value, n values or batchSize*n values replace the model initial value', () => {
    expect([...elif({ init: { v: -70 } }).v]).toEqual([-70, -70, -70, -70, -70, -70]);
    expect([...elif({ init: { v: [-70, -60, -55] } }).v]).toEqual([-70, -60, -55, -70, -60, -55]);
    const full = [-70, -69, -68, -67, -66, -65];
    expect([...elif({ init: { v: Float32Array.from(full) } }).v]).toEqual(full);
    // State without an entry keeps the model's value.
    expect([...elif({ init: { v: -70 } }).refractory]).toEqual([0, 0, 0, 0, 0, 0]);
  });

  test('reset() restores the init values, not the model ones', () => {
    const pop = elif({ init: { v: [-70, -60, -55], refractory: 2 } });
    pop.run(30, { input: { constant: 5 } });
    expect([...pop.v]).not.toEqual([-70, -60, -55, -70, -60, -55]);
    pop.reset();
    expect([...pop.v]).toEqual([-70, -60, -55, -70, -60, -55]);
    expect([...pop.refractory]).toEqual([2, 2, 2, 2, 2, 2]);
    expect(pop.stepCount).toBe(0);
  });

  test('n values survive setBatchSize; batchSize*n values for another batch size are refused', () => {
    const pop = elif({ init: { v: [-70, -60, -55] } });
    pop.setBatchSize(3);
    expect([...pop.v]).toEqual([-70, -60, -55, -70, -60, -55, -70, -60, -55]);
    const full = elif({ init: { v: [-70, -69, -68, -67, -66, -65] } });
    expect(() => full.setBatchSize(3)).toThrow('init.v has batchSize*n = 6 values for batchSize 2');
    expect(full.batchSize).toBe(2);
  });

  test('an unknown state name is a ParameterError that suggests the closest name', () => {
    const error = thrown(() => elif({ init: { vv: -70 } }), ParameterError);
    expect(error.message).toBe(
      'init names "vv", which is not a state variable (did you mean "v"?) (state: v, refractory, s, traces)',
    );
    expect(() => elif({ init: { constructor: 1 } as never })).toThrow('init names "constructor"');
    expect(() => elif({ init: JSON.parse('{"__proto__": 1}') })).toThrow('init names "__proto__"');
  });

  test.each([
    [{ v: Number.NaN }, 'init.v is NaN; expected a finite number'],
    [{ v: [0, Number.POSITIVE_INFINITY, 0] }, 'init.v[1] is Infinity; expected a finite number'],
    [{ v: [0, 0] }, 'init.v has 2 values; expected one number, n = 3 values'],
    [{ v: 'x' }, 'init.v must be a number or an array of numbers, got string'],
    [{ s: 2 }, 'init.s is 2; expected 0 or 1'],
  ])('init %j is refused: %s', (init, message) => {
    expect(() => elif({ init: init as never })).toThrow(ParameterError);
    expect(() => elif({ init: init as never })).toThrow(message);
  });

  test('values beyond float32 are refused in a float32 population', () => {
    expect(() => elif({ dtype: 'float32', init: { v: 1e39 } })).toThrow(
      'init.v is 1e+39; expected a finite number in float32',
    );
    expect([...elif({ dtype: 'float64', init: { v: 1e39 } }).v][0]).toBe(1e39);
  });
});
