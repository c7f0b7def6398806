import { InputError, ParameterError } from '@synapticflow/core';
import { checkThrows } from '../assert.js';
import type { SuiteCase } from '../suite-types.js';

const group = 'errors';

/** Bad input gets the documented error on every backend, and never reaches state. */
export const ERROR_CASES: SuiteCase[] = [
  {
    id: 'errors.input',
    group,
    title: 'wrong input length and non-finite input raise InputError naming the problem',
    async run({ elif, read }) {
      const population = elif({ n: 4, batchSize: 2 });
      checkThrows(
        () => population.forward([1, 2, 3]),
        InputError,
        ['3 values', 'n = 4', 'batchSize*n = 8'],
        'length 3',
      );
      checkThrows(() => population.forward([1, Number.NaN, 3, 4]), InputError, ['[1]', 'NaN'], 'NaN input');
      checkThrows(
        () => population.forward(Number.POSITIVE_INFINITY),
        InputError,
        ['Infinity'],
        'Infinity input',
      );
      const v = await read(population, 'v');
      if (v.some((x) => x !== -62)) throw new Error('a rejected input changed the state');
    },
  },
  {
    id: 'errors.parameters',
    group,
    title: 'invalid parameters raise ParameterError naming the parameter',
    async run({ elif }) {
      checkThrows(() => elif({ n: 2, tau: 0 }), ParameterError, ['"tau"', '> 0'], 'tau = 0');
      checkThrows(() => elif({ n: 2, deltaT: -1 }), ParameterError, ['"deltaT"'], 'deltaT < 0');
      checkThrows(() => elif({ n: 2, dt: 0 }), ParameterError, ['dt'], 'dt = 0');
      checkThrows(
        () => elif({ n: 2, threshold: Number.NaN }),
        ParameterError,
        ['"threshold"', 'finite'],
        'NaN threshold',
      );
      checkThrows(
        () => elif({ n: 2, tau: [10, 10, 10] }),
        ParameterError,
        ['"tau"', '3 values', 'n = 2'],
        'per-neuron length',
      );
    },
  },
];
