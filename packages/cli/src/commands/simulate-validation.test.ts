import type * as core from '@synapticflow/core';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { INLINE_LIF } from '../testing/fixtures.js';
import { runCli, tempDirWith } from '../testing/run-cli.js';

// Every validateModel result and every model a Population was built from, across the whole CLI.
const validated: core.ValidatedModel[] = [];
const populationModels: unknown[] = [];

vi.mock('@synapticflow/core', async (importOriginal) => {
  const original = await importOriginal<typeof core>();
  class CountedPopulation extends original.Population {
    constructor(...args: ConstructorParameters<typeof original.Population>) {
      populationModels.push(args[0]);
      super(...args);
    }
  }
  return {
    ...original,
    Population: CountedPopulation,
    validateModel: (spec: core.ModelSpec) => {
      const model = original.validateModel(spec);
      validated.push(model);
      return model;
    },
  };
});

beforeEach(() => {
  validated.length = 0;
  populationModels.length = 0;
});

/** The population got the one validated model, so core did not validate the spec again. */
function expectValidatedOnce(): void {
  expect(validated).toHaveLength(1);
  expect(populationModels).toEqual([validated[0]]);
  expect(populationModels[0]).toBe(validated[0]);
}

describe('a scenario run validates its model exactly once', () => {
  const scenario = { n: 2, steps: 20, params: { tau: [5, 10] }, record: { vars: ['v'] } };

  test('a library model by name', async () => {
    const dir = tempDirWith({ 's.json': { ...scenario, model: 'lif' } });
    const run = await runCli(['simulate', 's.json', '--out', 'trace.json'], dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expectValidatedOnce();
  });

  test('an inline model spec', async () => {
    const dir = tempDirWith({ 's.json': { ...scenario, model: INLINE_LIF } });
    const run = await runCli(['simulate', 's.json'], dir);
    expect(run.code).toBe(0);
    expectValidatedOnce();
  });

  test('a model file given with --model', async () => {
    const dir = tempDirWith({ 's.json': { ...scenario, model: 'elif' }, 'tiny.json': INLINE_LIF });
    const run = await runCli(['simulate', 's.json', '--model', 'tiny.json'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('model       tiny-lif (n = 2, batch = 1)');
    expectValidatedOnce();
  });
});
