import { BackendError, LIF_MODEL, validateModel } from '@synapticflow/core';
import { buildProgram, type StepProgram } from '@synapticflow/core/backend';
import { describe, expect, test } from 'vitest';
import { generateRunSource, type StepVariant } from './compile-step.js';

const VARIANT: StepVariant = { layout: 'neuron', perStep: false, beforeStep: false };
const program = buildProgram(validateModel(LIF_MODEL), { dt: 0.1 });
const scalars = (names: readonly string[]) => Object.fromEntries(names.map((name) => [name, 1]));

describe('generateRunSource', () => {
  test('writes a built program out', () => {
    expect(
      generateRunSource(program, 'float64', { n: 2, batchSize: 1 }, scalars(program.parameters), VARIANT),
    ).toContain('function sweep(');
  });

  test('refuses a program whose names are not plain identifiers, before anything reaches new Function', () => {
    const evil = 'v = 0; globalThis.hacked = true; //';
    const tampered: StepProgram = {
      ...program,
      state: [...program.state, { name: evil, type: 'number', initial: { kind: 'number', value: 0 } }],
    };
    expect(() =>
      generateRunSource(tampered, 'float64', { n: 2, batchSize: 1 }, scalars(program.parameters), VARIANT),
    ).toThrow(BackendError);
  });
});
