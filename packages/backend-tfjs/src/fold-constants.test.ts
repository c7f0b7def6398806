import { type Expr, formatExpression, parseExpression } from '@synapticflow/core/backend';
import { describe, expect, test } from 'vitest';
import { foldConstants } from './fold-constants.js';

const PARAMETERS: Record<string, number> = { deltaT: 1, tau: 10, zero: 0, third: 1 / 3 };
const parse = (source: string): Expr => parseExpression(source, { model: 'test', field: 'expression' });
const fold = (source: string): Expr => foldConstants(parse(source), (name) => PARAMETERS[name]);
const folded = (source: string): string => formatExpression(fold(source));

describe('foldConstants', () => {
  test('evaluates constant subtrees in float32, one rounding per operation, as tfjs would', () => {
    expect(fold('third * 3')).toEqual({ kind: 'number', value: Math.fround(Math.fround(1 / 3) * 3) });
    expect(fold('exp(-0.1/tau)')).toEqual({
      kind: 'number',
      value: Math.fround(Math.exp(Math.fround(-0.1 / 10))),
    });
    expect(fold('tau > 5 and not (tau == 3)')).toEqual({ kind: 'boolean', value: true });
    expect(folded('v + 2*tau')).toBe('v + 20');
  });

  test('drops operations that cannot change a float32 value', () => {
    expect(folded('(v - thetaRh)/deltaT')).toBe('v - thetaRh');
    expect(folded('deltaT*exp(v)')).toBe('exp(v)');
    expect(folded('v*1 - zero')).toBe('v');
    expect(folded('v ^ deltaT')).toBe('v');
    expect(folded('tau > 5 and v > 0')).toBe('v > 0');
    expect(folded('v > 0 or tau < 5')).toBe('v > 0');
    expect(folded('v > 0 and tau < 5')).toBe('false');
  });

  test('keeps x + 0, which turns -0 into +0', () => {
    expect(folded('v + zero')).toBe('v + 0');
  });

  test('resolves selects on a constant condition and float32() of a non-constant', () => {
    const select: Expr = {
      kind: 'select',
      cond: parse('tau > 1'),
      whenTrue: parse('v'),
      whenFalse: parse('exp(v)'),
    };
    expect(formatExpression(foldConstants(select, (name) => PARAMETERS[name]))).toBe('v');
    const rounded: Expr = { kind: 'call', fn: 'float32', args: [parse('v - 0.1')] };
    expect(formatExpression(foldConstants(rounded, () => undefined))).toBe('v - 0.1');
    const literal: Expr = { kind: 'call', fn: 'float32', args: [parse('0.1')] };
    expect(foldConstants(literal, () => undefined)).toEqual({ kind: 'number', value: Math.fround(0.1) });
  });
});
