import { BackendError, LIF_MODEL, validateModel } from '@synapticflow/core';
import { buildProgram, type StepProgram } from '@synapticflow/core/backend';
import { describe, expect, test } from 'vitest';
import { generateFusedSource } from './fused-source.js';

const program = buildProgram(validateModel(LIF_MODEL), { dt: 0.1 });
const parameters = new Map(program.parameters.map((name) => [name, 1]));

describe('generateFusedSource', () => {
  test('refuses a program whose names are not plain identifiers, before any source is written', () => {
    expect(generateFusedSource(program, parameters).source.length).toBeGreaterThan(0);
    const evil = 'v]; globalThis.hacked = 1; //';
    const tampered: StepProgram = {
      ...program,
      statements: [...program.statements, { kind: 'set', name: evil, expr: { kind: 'number', value: 0 } }],
    };
    expect(() => generateFusedSource(tampered, parameters)).toThrow(BackendError);
  });
});
