import { describe, expect, test } from 'vitest';
import { ParameterError } from '../errors.js';
import { evaluate } from '../expr/evaluate.js';
import { FEATURE_PARAMETERS } from '../model/features.js';
import { ELIF_MODEL } from '../model/library/elif.js';
import type { ModelSpec } from '../model/spec.js';
import { validateModel } from '../model/validate.js';
import { buildProgram } from '../program/build.js';
import { interpreterBackend } from '../reference/interpreter-backend.js';
import { parse } from '../testing/helpers.js';
import { evaluatePerNeuron, programParameters, resolveParameters } from './parameters.js';
import { Population } from './population.js';

const ELIF = validateModel(ELIF_MODEL);

describe('resolveParameters', () => {
  test('fills in defaults and keeps given values', () => {
    const values = resolveParameters(ELIF, FEATURE_PARAMETERS, { tau: 20, lowerBound: -70 }, 2);
    expect(Object.fromEntries(values)).toEqual({
      tau: 20,
      threshold: -52,
      thetaRh: -60,
      deltaT: 1,
      restPot: -62,
      resetPot: -62,
      refracLength: 5,
      R: 20,
      lowerBound: -70,
      vPeak: null,
      traceTau: 10,
      traceScale: 1,
    });
  });

  test('per-neuron values become Float64Array; undefined means default', () => {
    const values = resolveParameters(ELIF, {}, { R: [1, 2, 3], tau: undefined }, 3);
    expect(values.get('R')).toEqual(Float64Array.from([1, 2, 3]));
    expect(values.get('tau')).toBe(10);
  });

  test('errors name the parameter and model', () => {
    expect(() => resolveParameters(ELIF, {}, { nope: 1 }, 1)).toThrow(
      'unknown parameter "nope" for model "elif" (parameters: tau, threshold, thetaRh, deltaT, restPot, resetPot, refracLength, R, lowerBound, vPeak)',
    );
    expect(() => resolveParameters(ELIF, {}, { tau: 'x' as never }, 1)).toThrow(
      'parameter "tau" of model "elif" must be a number or one number per neuron, got string',
    );
    expect(() => resolveParameters(ELIF, {}, { lowerBound: 'x' as never }, 1)).toThrow(
      'parameter "lowerBound" of model "elif" must be a number, got string',
    );
    expect(() => resolveParameters(ELIF, {}, { R: [1, 2] }, 3)).toThrow(ParameterError);
  });
});

describe('evaluatePerNeuron', () => {
  test('a number when nothing varies per neuron, else one value per neuron', () => {
    const expr = parse('a * 2 + b');
    const at = (values: Map<string, number | Float64Array | null>, n: number) =>
      evaluatePerNeuron((lookup) => evaluate(expr, lookup), values, n);
    expect(
      at(
        new Map([
          ['a', 1],
          ['b', 3],
        ]),
        2,
      ),
    ).toBe(5);
    expect(
      at(
        new Map<string, number | Float64Array>([
          ['a', Float64Array.from([1, 2])],
          ['b', 3],
        ]),
        2,
      ),
    ).toEqual(Float64Array.from([5, 7]));
    expect(() =>
      at(
        new Map([
          ['a', 1],
          ['b', null],
        ]),
        1,
      ),
    ).toThrow('parameter "b" has no value');
  });
});

describe('programParameters', () => {
  test('computes derived constants in the right precision', () => {
    const program = buildProgram(ELIF, {
      dt: 0.1,
      traces: { enabled: true, additive: false },
      nullParameters: new Set(['lowerBound', 'vPeak']),
    });
    const values = resolveParameters(ELIF, FEATURE_PARAMETERS, { traceTau: 3 }, 1);
    const f32 = programParameters(program, values, 1, 'float32');
    const f64 = programParameters(program, values, 1, 'float64');
    expect(f32.get('_refractorySteps')).toBe(50); // float64 precision whatever the dtype
    expect(f64.get('_refractorySteps')).toBe(50);
    expect(f64.get('_traceDecay')).toBe(Math.exp(-0.1 / 3));
    expect(f32.get('_traceDecay')).toBe(Math.fround(Math.exp(Math.fround(-Math.fround(0.1) / 3))));
    expect([...f64.keys()].sort()).toEqual([...program.parameters].sort());
  });

  test('a null parameter that the program still reads is an error', () => {
    const spec: ModelSpec = {
      name: 'gated',
      parameters: { g: { default: null, nullable: true } },
      state: { x: { initial: 0 } },
      equations: { x: 'g' },
    };
    expect(() => new Population(spec, { n: 1, backend: interpreterBackend() })).toThrow(
      'the step program reads "g", which has no value',
    );
    expect(
      new Population(spec, { n: 1, backend: interpreterBackend(), params: { g: 2 } }).params.get('g'),
    ).toBe(2);
  });
});
