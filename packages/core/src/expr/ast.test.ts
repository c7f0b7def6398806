import { describe, expect, test } from 'vitest';
import { parse, stripSpans } from '../testing/helpers.js';
import { binary, call, ident, identifiersOf, num, select, substitute, unary } from './ast.js';

describe('ast helpers', () => {
  test('builders make span-less nodes', () => {
    expect(num(1)).toEqual({ kind: 'number', value: 1 });
    expect(ident('v')).toEqual({ kind: 'identifier', name: 'v' });
    expect(unary('-', num(1))).toEqual({ kind: 'unary', op: '-', operand: num(1) });
    expect(binary('+', num(1), num(2))).toEqual({ kind: 'binary', op: '+', left: num(1), right: num(2) });
    expect(call('min', num(1), num(2))).toEqual({ kind: 'call', fn: 'min', args: [num(1), num(2)] });
    const node = select(ident('s'), num(1), num(0));
    expect(Object.keys(node).sort()).toEqual(['cond', 'kind', 'whenFalse', 'whenTrue']);
    expect(node.kind).toBe('select');
    expect(node.cond).toEqual(ident('s'));
    expect(node.whenTrue).toEqual(num(1));
    expect(node.whenFalse).toEqual(num(0));
  });

  test('identifiersOf lists every identifier once, in first-seen order', () => {
    expect([...identifiersOf(parse('(R*I + restPot - v + deltaT*exp((v - thetaRh)/deltaT)) / tau'))]).toEqual(
      ['R', 'I', 'restPot', 'v', 'deltaT', 'thetaRh', 'tau'],
    );
    expect([...identifiersOf(select(ident('c'), unary('not', ident('a')), ident('b')))]).toEqual([
      'c',
      'a',
      'b',
    ]);
    expect([...identifiersOf(parse('1 + 2'))]).toEqual([]);
    const into = new Set(['x']);
    expect(identifiersOf(parse('y'), into)).toBe(into);
    expect([...into]).toEqual(['x', 'y']);
  });

  test('substitute replaces identifiers everywhere without mutating the input', () => {
    const expr = select(parse('dt > 0'), parse('-exp(dt) * x'), parse('max(dt, x)'));
    const before = structuredClone(expr);
    const out = substitute(expr, (name) => (name === 'dt' ? num(0.1) : undefined));
    expect(expr).toEqual(before);
    expect(identifiersOf(out).has('dt')).toBe(false);
    expect(stripSpans(out)).toEqual(
      select(
        binary('>', num(0.1), num(0)),
        binary('*', unary('-', call('exp', num(0.1))), ident('x')),
        call('max', num(0.1), ident('x')),
      ),
    );
    const leaf = num(3);
    expect(substitute(leaf, () => ident('never'))).toBe(leaf);
  });
});
