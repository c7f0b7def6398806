import { describe, expect, test } from 'vitest';
import {
  BackendError,
  DisposedError,
  InputError,
  ModelSpecError,
  NetworkError,
  ParameterError,
  SynapseSpecError,
  SynapticFlowError,
} from './errors.js';

describe('errors', () => {
  test('every error is a SynapticFlowError with a stable code and its class name', () => {
    const cases: [SynapticFlowError, string, string][] = [
      [new ParameterError('p'), 'PARAMETER', 'ParameterError'],
      [new InputError('i'), 'INPUT', 'InputError'],
      [new BackendError('b'), 'BACKEND', 'BackendError'],
      [new DisposedError('thing'), 'DISPOSED', 'DisposedError'],
      [new ModelSpecError({ model: 'm', field: 'f' }, 'd'), 'MODEL_SPEC', 'ModelSpecError'],
      [new NetworkError('n'), 'NETWORK', 'NetworkError'],
      [new SynapseSpecError({ field: 'onPre' }, 'd'), 'SYNAPSE_SPEC', 'SynapseSpecError'],
    ];
    for (const [error, code, name] of cases) {
      expect(error).toBeInstanceOf(Error);
      expect(error).toBeInstanceOf(SynapticFlowError);
      expect(error.code).toBe(code);
      expect(error.name).toBe(name);
    }
    expect(new DisposedError('population of "elif"').message).toBe(
      'population of "elif" was disposed; create a new population instead',
    );
  });

  test('ModelSpecError without a source names model and field only', () => {
    const error = new ModelSpecError({ model: 'lif', field: 'parameter "tau"' }, 'bad default');
    expect(error.message).toBe('model "lif", parameter "tau": bad default');
    expect(error.column).toBeUndefined();
    expect(error.model).toBe('lif');
    expect(error.field).toBe('parameter "tau"');
    expect(error.detail).toBe('bad default');
  });

  test('ModelSpecError with a source shows the line and a caret; column is 1-based', () => {
    const error = new ModelSpecError(
      { model: 'lif', field: 'threshold', source: 'v >= th', offset: 5 },
      'oops',
    );
    expect(error.column).toBe(6);
    expect(error.message).toBe('model "lif", threshold: oops at column 6\n  v >= th\n       ^');
  });

  test('the caret is clamped into the source', () => {
    const error = new ModelSpecError({ model: 'm', field: 'f', source: 'ab', offset: 10 }, 'x');
    expect(error.message).toBe('model "m", f: x at column 3\n  ab\n    ^');
  });

  test('SynapseSpecError names the synapse where it has a name, and shows the statement with a caret', () => {
    const error = new SynapseSpecError(
      { synapse: 'exc', field: 'onPre statement 2', source: 'ge += ww', offset: 6 },
      'unknown name "ww"',
    );
    expect(error.message).toBe(
      'synapse "exc", onPre statement 2: unknown name "ww" at column 7\n  ge += ww\n        ^',
    );
    expect(error).toMatchObject({
      synapse: 'exc',
      field: 'onPre statement 2',
      source: 'ge += ww',
      column: 7,
    });
    expect(error.detail).toBe('unknown name "ww"');
    const unnamed = new SynapseSpecError({ field: 'expression for w' }, 'bad');
    expect(unnamed.message).toBe('expression for w: bad');
    expect(unnamed.synapse).toBeUndefined();
    expect(unnamed.column).toBeUndefined();
  });
});
