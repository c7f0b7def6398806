import { BackendError } from '@synapticflow/core';
import { type Expr, parseExpression } from '@synapticflow/core/backend';
import { describe, expect, test } from 'vitest';
import { emitCondition, emitValue, type KernelSymbols, numberLiteral } from './emit-expression.js';
import { finalName } from './live-statements.js';

const symbols: KernelSymbols = {
  resolve: (name) => `s_${name}`,
  isBoolean: (name) => name === 'spiked',
};
const parse = (source: string): Expr => parseExpression(source, { model: 'test', field: 'test' });
const value = (source: string) => emitValue(parse(source), symbols);

describe('emitValue', () => {
  test('rounds every arithmetic result to float32 with Math.fround', () => {
    expect(value('a + b * c')).toBe('Math.fround(s_a + Math.fround(s_b * s_c))');
    expect(value('exp(a) / 2')).toBe('Math.fround(Math.fround(Math.exp(s_a)) / 2)');
  });

  test('turns booleans into 1/0: gpu.js types `a >= b` as a number, so boolean locals break GLSL', () => {
    expect(value('a >= b')).toBe('((s_a >= s_b) ? 1 : 0)');
    expect(value('spiked')).toBe('((s_spiked > 0) ? 1 : 0)');
  });

  test('emits selects as ?: over a condition', () => {
    expect(value('a')).toBe('s_a');
    const select = {
      kind: 'select',
      cond: parse('spiked and not (a < 1)'),
      whenTrue: parse('a'),
      whenFalse: parse('-b'),
    } as const;
    expect(emitValue(select, symbols)).toBe('(((s_spiked > 0) && (!(s_a < 1))) ? s_a : (-s_b))');
  });

  test('writes small integer powers as products (GLSL pow is undefined for a negative base)', () => {
    expect(value('v^2')).toBe('Math.fround(s_v * s_v)');
    expect(value('pow(v, 3)')).toBe('Math.fround(Math.fround(s_v * s_v) * s_v)');
    expect(value('v^-1')).toBe('Math.fround(1 / s_v)');
    expect(value('v^0')).toBe('1');
    expect(value('v^1.5')).toBe('Math.fround(Math.pow(s_v, 1.5))');
    expect(value('v^5')).toBe('Math.fround(Math.pow(s_v, 5))');
  });

  test('clamps tanh to ±10, where float32 tanh is already ±1 (GPU tanh overflows to NaN)', () => {
    expect(value('tanh(v)')).toBe('Math.fround(Math.tanh(Math.min(Math.max(s_v, -10), 10)))');
    expect(Math.fround(Math.tanh(10))).toBe(1);
    expect(Math.fround(Math.tanh(9.02))).toBe(1);
  });

  test('rounds literals to float32 and keeps abs/min/max unrounded (they are exact)', () => {
    expect(value('0.1')).toBe('0.10000000149011612');
    expect(value('min(a, abs(b))')).toBe('Math.min(s_a, Math.abs(s_b))');
  });
});

describe('emitCondition', () => {
  test('keeps comparisons and logic as JavaScript conditions', () => {
    expect(emitCondition(parse('a == 1 or spiked'), symbols)).toBe('((s_a == 1) || (s_spiked > 0))');
    expect(emitCondition(parse('true'), symbols)).toBe('true');
  });
});

describe('numberLiteral', () => {
  test('reads back as exactly the value', () => {
    for (const x of [0, -0, 1.5, -62, 1e-9, 1e30, Number.MAX_VALUE]) {
      expect(Number(numberLiteral(x).replace(/[()]/g, ''))).toBe(x);
    }
    expect(numberLiteral(Number.POSITIVE_INFINITY)).toBe('Infinity');
    expect(() => numberLiteral(Number.NaN)).toThrow(/NaN/);
  });
});

describe('names in kernel source', () => {
  const hostile = (name: string): Expr => ({ kind: 'identifier', name });

  test('an identifier that is not a plain name is a BackendError, never kernel source', () => {
    for (const name of ['a;this.constants=0', 'x)||(1', '', '1a', 'final:v)+(1']) {
      expect(() => emitValue(hostile(name), symbols)).toThrow(BackendError);
      expect(() => emitCondition(hostile(name), { ...symbols, isBoolean: () => true })).toThrow(BackendError);
    }
  });

  test('the end-of-step stand-in of a plain state name passes', () => {
    expect(emitValue(hostile(finalName('v')), symbols)).toBe('s_final:v');
  });

  test('an operator the language does not have is a BackendError', () => {
    const odd = { kind: 'binary', op: '+1)+(', left: hostile('a'), right: hostile('b') } as unknown as Expr;
    expect(() => emitValue(odd, symbols)).toThrow(BackendError);
  });
});
