import { describe, expect, test } from 'vitest';
import { binary, ident, num, select } from '../expr/ast.js';
import { parse } from '../testing/helpers.js';
import { derivativeName, euler } from './integrators.js';

describe('euler', () => {
  test('binds every derivative first, then advances x = x + f * dt', () => {
    const statements = euler(
      [
        { target: 'x', expr: parse('y'), field: 'equation for x' },
        { target: 'y', expr: parse('-x'), field: 'equation for y' },
      ],
      { model: 'test', dt: 0.5, frozen: () => null },
    );
    expect(statements.map((s) => `${s.kind} ${s.name}`)).toEqual(['let _d_x', 'let _d_y', 'set x', 'set y']);
    expect(statements[2]!.expr).toEqual(binary('+', ident('x'), binary('*', ident('_d_x'), num(0.5))));
  });

  test('a frozen variable keeps its value under the freeze condition', () => {
    const statements = euler([{ target: 'v', expr: num(1), field: 'f' }], {
      model: 'test',
      dt: 0.1,
      frozen: (target) => (target === 'v' ? ident('held') : null),
    });
    expect(statements[1]!.expr).toEqual(
      select(ident('held'), ident('v'), binary('+', ident('v'), binary('*', ident('_d_v'), num(0.1)))),
    );
  });

  test('no equations, no statements', () => {
    expect(euler([], { model: 'test', dt: 1, frozen: () => null })).toEqual([]);
    expect(derivativeName('v')).toBe('_d_v');
  });
});
