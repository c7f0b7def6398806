import { describe, expect, test } from 'vitest';
import { lookupIn, parse } from '../testing/helpers.js';
import { binary, call, ident, num, select, unary } from './ast.js';
import { evaluate, FLOAT32_ARITHMETIC, FLOAT64_ARITHMETIC } from './evaluate.js';

const f = Math.fround;
const f64 = (source: string, vars = {}) => evaluate(parse(source), lookupIn(vars), FLOAT64_ARITHMETIC);
const f32 = (source: string, vars = {}) => evaluate(parse(source), lookupIn(vars), FLOAT32_ARITHMETIC);

describe('evaluate', () => {
  test('defaults to float64 arithmetic', () => {
    expect(evaluate(parse('0.1 + 0.2'), lookupIn({}))).toBe(0.1 + 0.2);
    expect(f64('0.1 + 0.2')).toBe(0.30000000000000004);
  });

  test('float32 rounds literals and every arithmetic result', () => {
    expect(f32('0.1')).toBe(f(0.1));
    expect(f32('0.1 + 0.2')).toBe(f(f(0.1) + f(0.2)));
    expect(f32('0.1 + 0.2')).not.toBe(0.1 + 0.2);
    expect(f32('1 / 3')).toBe(f(1 / 3));
    expect(f32('x * x', { x: f(1.1) })).toBe(f(f(1.1) * f(1.1)));
    expect(f32('2 ^ 0.5')).toBe(f(Math.SQRT2));
    expect(f32('exp(1)')).toBe(f(Math.E));
    expect(f32('log(3)')).toBe(f(Math.log(3)));
    expect(f32('sqrt(2)')).toBe(f(Math.SQRT2));
    expect(f32('tanh(0.5)')).toBe(f(Math.tanh(0.5)));
    expect(f32('pow(3, 0.5)')).toBe(f(Math.sqrt(3)));
    // Overflow in float32 is Infinity where float64 is still finite.
    expect(f32('1e30 * 1e10')).toBe(Number.POSITIVE_INFINITY);
    expect(f64('1e30 * 1e10')).toBe(1e40);
    expect(f32('exp(100)')).toBe(Number.POSITIVE_INFINITY);
  });

  test('identifiers come from the lookup, unrounded', () => {
    expect(f32('x', { x: 0.1 })).toBe(0.1);
    expect(() => f64('missing')).toThrow('no value for missing');
  });

  test('exp overflows to Infinity and Infinity - Infinity is NaN (the hazard the step program avoids)', () => {
    expect(f64('exp(1000)')).toBe(Number.POSITIVE_INFINITY);
    expect(f64('exp(1000) - exp(1000)')).toBeNaN();
    expect(f64('exp(-1000)')).toBe(0);
  });

  test('arithmetic operators', () => {
    expect(f64('7 - 2')).toBe(5);
    expect(f64('7 * 2')).toBe(14);
    expect(f64('7 / 2')).toBe(3.5);
    expect(f64('1 / 0')).toBe(Number.POSITIVE_INFINITY);
    expect(f64('-x', { x: 4 })).toBe(-4);
  });

  test('boolean operators', () => {
    expect(f64('true and false')).toBe(false);
    expect(f64('true and true')).toBe(true);
    expect(f64('false or true')).toBe(true);
    expect(f64('false or false')).toBe(false);
    expect(f64('not false')).toBe(true);
    expect(f64('v >= th', { v: -52, th: -52 })).toBe(true);
    expect(f64('v > th', { v: -52, th: -52 })).toBe(false);
  });

  test('and/or short-circuit, like the generated code', () => {
    const lookup = lookupIn({ yes: true, no: false });
    expect(evaluate(binary('and', ident('no'), ident('missing')), lookup)).toBe(false);
    expect(evaluate(binary('or', ident('yes'), ident('missing')), lookup)).toBe(true);
  });

  test('select evaluates only the taken branch', () => {
    const lookup = lookupIn({ c: true, x: 1 });
    expect(evaluate(select(ident('c'), ident('x'), ident('missing')), lookup)).toBe(1);
    expect(evaluate(select(unary('not', ident('c')), ident('missing'), num(2)), lookup)).toBe(2);
  });

  test('internal functions float32 and ceil', () => {
    const none = lookupIn({});
    expect(evaluate(call('float32', num(0.1)), none, FLOAT64_ARITHMETIC)).toBe(f(0.1));
    expect(evaluate(call('ceil', num(49.999)), none)).toBe(50);
    expect(evaluate(call('ceil', num(-1e-9)), none)).toBe(-0);
    expect(evaluate(call('ceil', num(3)), none)).toBe(3);
  });

  test('min, max and abs', () => {
    expect(f64('min(-1, 2)')).toBe(-1);
    expect(f64('max(-1, 2)')).toBe(2);
    expect(f64('abs(-0.25)')).toBe(0.25);
    expect(f32('min(0.1, 1)')).toBe(f(0.1));
  });

  test('unknown functions and nodes are internal errors', () => {
    expect(() => evaluate(call('nope', num(1)), lookupIn({}))).toThrow('unknown function nope');
    expect(() => evaluate({ kind: 'bogus' } as never, lookupIn({}))).toThrow('unknown node bogus');
  });
});
