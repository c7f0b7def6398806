import { describe, expect, test } from 'vitest';
import { readReference } from '../testing/fixtures.js';
import { parseScenario } from './parse-scenario.js';
import type { Scenario } from './scenario.js';
import { flattenInput, linspace } from './to-input.js';

const base: Scenario = { model: 'elif', n: 3, batchSize: 2, steps: 2 };

describe('flattenInput', () => {
  test('broadcasts a number and [n] over the batch, row-major', () => {
    expect(flattenInput({ ...base, input: { constant: 0.5 } })).toEqual({
      perStep: false,
      values: Float64Array.of(0.5, 0.5, 0.5, 0.5, 0.5, 0.5),
    });
    expect(flattenInput({ ...base, input: { constant: [1, 2, 3] } }).values).toEqual(
      Float64Array.of(1, 2, 3, 1, 2, 3),
    );
  });

  test('flattens [batch][n] and [steps][batch][n] row-major', () => {
    const rows = {
      ...base,
      input: {
        constant: [
          [1, 2, 3],
          [4, 5, 6],
        ],
      },
    };
    expect(flattenInput(rows).values).toEqual(Float64Array.of(1, 2, 3, 4, 5, 6));
    const steps = {
      ...base,
      input: {
        steps: [
          [
            [1, 2, 3],
            [4, 5, 6],
          ],
          [
            [7, 8, 9],
            [10, 11, 12],
          ],
        ],
      },
    };
    expect(flattenInput(steps)).toEqual({
      perStep: true,
      values: Float64Array.from({ length: 12 }, (_, i) => i + 1),
    });
  });

  test('no input is zero current', () => {
    expect(flattenInput(base).values).toEqual(new Float64Array(6));
  });

  test('linspace spans from..to inclusive, one value per neuron, repeated per batch row', () => {
    expect(flattenInput({ ...base, input: { constant: { linspace: [0, 1] } } }).values).toEqual(
      Float64Array.of(0, 0.5, 1, 0, 0.5, 1),
    );
    expect(linspace(2, 5, 1)).toEqual(Float64Array.of(2));
  });

  test('linspace reproduces the reference set’s numpy.linspace inputs bit for bit', () => {
    const hetero = readReference('elif-hetero.numpy-float64-steps.json').scenario as {
      input: { constant: number[] };
    };
    const scenario = parseScenario({
      model: 'elif',
      n: 64,
      steps: 1,
      input: { constant: { linspace: [0, 2] } },
    });
    expect(Array.from(flattenInput(scenario).values)).toEqual(hetero.input.constant);
  });
});
