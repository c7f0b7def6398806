import { ELIF_MODEL, validateModel } from '@synapticflow/core';
import { buildProgram, type Expr, parseExpression, type Statement } from '@synapticflow/core/backend';
import { describe, expect, test } from 'vitest';
import { byLastAssignment, finalName, liveStatements } from './live-statements.js';

const parse = (source: string): Expr => parseExpression(source, { model: 'test', field: 'test' });
const set = (name: string, source: string): Statement => ({ kind: 'set', name, expr: parse(source) });
const elif = buildProgram(validateModel(ELIF_MODEL), {
  dt: 0.1,
  traces: { enabled: true, additive: false },
  sumInput: true,
});

describe('liveStatements', () => {
  test('keeps only what an output needs', () => {
    const slice = liveStatements(elif.statements, ['summedInput']);
    expect(slice.statements.map((s) => s.name)).toEqual(['summedInput']);
    expect([...slice.reads].sort()).toEqual(['I', 'summedInput']);
  });

  test('the spike output needs the integration but not the reset or the traces', () => {
    const slice = liveStatements(elif.statements, ['s']);
    expect(slice.statements.map((s) => `${s.kind} ${s.name}`)).toEqual([
      'let _refractory',
      'let _d_v',
      'set v',
      'set s',
    ]);
  });

  test('reads an end-of-step value from an earlier launch instead of recomputing it', () => {
    const slice = liveStatements(elif.statements, ['traces'], new Set(['s']));
    expect(slice.statements.map((s) => s.name)).toEqual(['traces', 'traces']);
    expect([...slice.readsFinal]).toEqual(['s']);
    expect(slice.reads.has('v')).toBe(false);
    expect(JSON.stringify(slice.statements)).toContain(finalName('s'));
  });

  test('a read before the last assignment still recomputes the value', () => {
    const statements = [set('a', 'a + 1'), set('b', 'a * 2'), set('a', 'b + 1'), set('c', 'a + b')];
    const slice = liveStatements(statements, ['c'], new Set(['a']));
    // c reads the final a (from the earlier launch) and b, which reads the intermediate a.
    expect(slice.statements.map((s) => s.name)).toEqual(['a', 'b', 'c']);
    expect([...slice.readsFinal]).toEqual(['a']);
    expect([...slice.reads]).toEqual(['a']);
  });
});

test('byLastAssignment orders state so later launches can reuse earlier results', () => {
  expect(byLastAssignment(elif.statements, ['v', 's', 'refractory', 'traces', 'summedInput'])).toEqual([
    's',
    'refractory',
    'v',
    'traces',
    'summedInput',
  ]);
});
