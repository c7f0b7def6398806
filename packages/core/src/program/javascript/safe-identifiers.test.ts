import { describe, expect, test } from 'vitest';
import { BackendError } from '../../errors.js';
import { binary, call, type Expr, ident, num } from '../../expr/ast.js';
import { LIF_MODEL } from '../../model/library/index.js';
import { validateModel } from '../../model/validate.js';
import { buildProgram } from '../build.js';
import type { StepProgram } from '../program.js';
import { emitJsExpression } from './emit-expression.js';
import { checkedIdentifier, checkProgramIdentifiers } from './safe-identifiers.js';

const NAMES = { resolve: (name: string) => `s_${name}` };
const HOSTILE = ['a;process.exit()', 'x]=1;//', '', '1abc', 'a b', 'a\u2028b', 'ä'];

describe('code generators check every name they write', () => {
  test('plain identifiers pass unchanged', () => {
    for (const name of ['v', '_k1_v', 'tau2', 'I', 'constructor']) {
      expect(checkedIdentifier(name, 'test')).toBe(name);
    }
  });

  test('anything else is a BackendError naming the generator, before any source is written', () => {
    for (const name of HOSTILE) {
      expect(() => checkedIdentifier(name, 'test generator')).toThrow(BackendError);
      expect(() => emitJsExpression(binary('+', ident(name), num(1)), 'float64', NAMES)).toThrow(
        /JavaScript code generator: refusing to generate code for the name/,
      );
    }
  });

  test('the JavaScript emitter refuses unknown functions and operators of a hand-built tree', () => {
    expect(() => emitJsExpression(call('constructor', ident('v')), 'float64', NAMES)).toThrow(BackendError);
    expect(() => emitJsExpression(call('eval', ident('v')), 'float64', NAMES)).toThrow(BackendError);
    const badOp = { kind: 'binary', op: '+1;evil()+', left: ident('v'), right: num(1) } as unknown as Expr;
    expect(() => emitJsExpression(badOp, 'float64', NAMES)).toThrow(BackendError);
    expect(emitJsExpression(binary('<=', ident('v'), num(1)), 'float64', NAMES)).toBe('(s_v <= 1)');
  });

  test('checkProgramIdentifiers accepts a built program and rejects one with a tampered name anywhere', () => {
    const program = buildProgram(validateModel(LIF_MODEL), { dt: 0.1 });
    expect(() => checkProgramIdentifiers(program, 'test')).not.toThrow();
    const evil = 'v=0;evil()';
    const tampered: StepProgram[] = [
      { ...program, parameters: [...program.parameters, evil] },
      { ...program, state: [...program.state, { name: evil, type: 'number', initial: num(0) }] },
      { ...program, statements: [...program.statements, { kind: 'set', name: evil, expr: num(0) }] },
      { ...program, statements: [{ kind: 'let', name: 'x', expr: ident(evil) }, ...program.statements] },
      { ...program, statements: [{ kind: 'let', name: 'x', expr: call('evil', num(1)) }] },
      { ...program, derived: [{ name: evil, expr: num(1), precision: 'float64' }] },
    ];
    for (const each of tampered) expect(() => checkProgramIdentifiers(each, 'test')).toThrow(BackendError);
  });
});
