import { describe, expect, test } from 'vitest';
import { FUNCTIONS, functionInfo, RESERVED_NAMES, USER_FUNCTIONS } from './functions.js';
import { parseExpression } from './parser.js';

describe('functions table', () => {
  test('user functions and their arity', () => {
    expect(USER_FUNCTIONS).toEqual(['exp', 'log', 'sqrt', 'abs', 'tanh', 'min', 'max', 'pow']);
    for (const name of ['exp', 'log', 'sqrt', 'abs', 'tanh']) expect(FUNCTIONS[name]!.arity).toBe(1);
    for (const name of ['min', 'max', 'pow']) expect(FUNCTIONS[name]!.arity).toBe(2);
  });

  test('float32 and ceil are internal', () => {
    expect(FUNCTIONS.float32).toEqual({ arity: 1, internal: true });
    expect(FUNCTIONS.ceil).toEqual({ arity: 1, internal: true });
    expect(USER_FUNCTIONS).not.toContain('float32');
    expect(USER_FUNCTIONS).not.toContain('ceil');
  });

  test('reserved names cover inputs, words and every function', () => {
    for (const name of ['I', 'dt', 't', 'true', 'false', 'and', 'or', 'not', ...Object.keys(FUNCTIONS)]) {
      expect(RESERVED_NAMES.has(name)).toBe(true);
    }
    expect(RESERVED_NAMES.has('v')).toBe(false);
    expect(RESERVED_NAMES.has('i')).toBe(false);
  });
});

describe('functionInfo', () => {
  test('knows only the language functions, never inherited properties of an object', () => {
    expect(functionInfo('exp')?.arity).toBe(1);
    for (const name of ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__']) {
      expect(functionInfo(name)).toBeUndefined();
    }
  });

  test('so "constructor(v)" and "valueOf()" are unknown functions, not calls the generators would emit', () => {
    expect(() => parseExpression('constructor(v)', { model: 'm', field: 'f' })).toThrow(
      'unknown function "constructor"',
    );
    expect(() => parseExpression('valueOf()', { model: 'm', field: 'f' })).toThrow(
      'unknown function "valueOf"',
    );
  });
});
