import { describe, expect, test } from 'vitest';
import { type Expr, select } from '../../expr/ast.js';
import { formatExpression } from '../../expr/format.js';
import { parseExpression } from '../../expr/parser.js';
import type { Statement } from '../program.js';
import { dropUnusedLets } from './dead-statements.js';
import { inlineSingleUseLets } from './inline-lets.js';
import { optimizeStatements } from './pipeline.js';

const parse = (source: string) => parseExpression(source, { model: 'test', field: 'expression' });
/** `select(c, a, b)` is not user syntax; the program builder makes selects. */
const parseWithSelect = (source: string): Expr => {
  const match = /^select\((.*), (.*), (.*)\)$/.exec(source);
  return match ? select(parse(match[1]!), parse(match[2]!), parse(match[3]!)) : parse(source);
};
const statement = (kind: 'let' | 'set', name: string, source: string): Statement => ({
  kind,
  name,
  expr: parseWithSelect(source),
});
const shown = (statements: readonly Statement[]) =>
  statements.map((s) => `${s.kind} ${s.name} = ${formatExpression(s.expr)}`);

const PROGRAM = [
  statement('let', 'frozen', 'r > 0'),
  statement('let', 'slow', 'exp(u) * gain'),
  statement('let', 'twice', 'v * 2'),
  statement('set', 'v', 'select(frozen, v, v + twice * gain + twice)'),
  statement('set', 'w', 'select(on, slow, w)'),
];

describe('program passes', () => {
  test('inlineSingleUseLets moves a let read once into its reader, and keeps one read twice', () => {
    expect(shown(inlineSingleUseLets(PROGRAM))).toEqual([
      'let twice = v * 2',
      'set v = select(r > 0, v, v + twice * gain + twice)',
      'set w = select(on, exp(u) * gain, w)',
    ]);
  });

  test('inlining stops where a statement in between assigns what the let reads', () => {
    const clobbered = [
      statement('let', 'old', 'v + 1'),
      statement('set', 'v', '0'),
      statement('set', 'w', 'old'),
    ];
    expect(shown(inlineSingleUseLets(clobbered))).toEqual(shown(clobbered));
  });

  test('dropUnusedLets drops lets nothing reads, also through other dropped lets', () => {
    const unused = [
      statement('let', 'a', 'v'),
      statement('let', 'b', 'a * 2'),
      statement('set', 'v', 'v + 1'),
    ];
    expect(shown(dropUnusedLets(unused))).toEqual(['set v = v + 1']);
  });

  test('optimizeStatements folds, then inlines, then drops what folding left unread', () => {
    const constants: Record<string, number> = { gain: 1, on: 0 };
    const optimized = optimizeStatements(
      PROGRAM.map((s) => (s.name === 'w' ? statement('set', 'w', 'select(on > 0, slow, w)') : s)),
      {
        fold: { dtype: 'float64', constantOf: (name) => constants[name] },
        inlineLets: true,
        dropUnusedLets: true,
      },
    );
    expect(shown(optimized)).toEqual([
      'let twice = v * 2',
      'set v = select(r > 0, v, v + twice + twice)',
      'set w = w',
    ]);
  });

  test('with no passes chosen, the statements are left as they are', () => {
    expect(optimizeStatements(PROGRAM, {})).toEqual(PROGRAM);
  });
});
