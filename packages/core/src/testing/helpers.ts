/** Small helpers shared by core's tests (not part of the build). */
import { expect } from 'vitest';
import { ModelSpecError } from '../errors.js';
import { type Expr, select } from '../expr/ast.js';
import { evaluate, FLOAT64_ARITHMETIC, type Scalar } from '../expr/evaluate.js';
import { parseExpression } from '../expr/parser.js';

export const WHERE = { model: 'test', field: 'expression' };

export function parse(source: string): Expr {
  return parseExpression(source, WHERE);
}

/** A deep copy of `expr` without `span`s, for structural comparison. */
export function stripSpans(expr: Expr): Expr {
  switch (expr.kind) {
    case 'number':
    case 'boolean':
      return { kind: expr.kind, value: expr.value } as Expr;
    case 'identifier':
      return { kind: 'identifier', name: expr.name };
    case 'unary':
      return { kind: 'unary', op: expr.op, operand: stripSpans(expr.operand) };
    case 'binary':
      return { kind: 'binary', op: expr.op, left: stripSpans(expr.left), right: stripSpans(expr.right) };
    case 'call':
      return { kind: 'call', fn: expr.fn, args: expr.args.map(stripSpans) };
    case 'select':
      return select(stripSpans(expr.cond), stripSpans(expr.whenTrue), stripSpans(expr.whenFalse));
  }
}

/** Evaluates a source string in float64 with the given variables. */
export function evalSource(source: string, vars: Record<string, Scalar> = {}): Scalar {
  return evaluate(parse(source), lookupIn(vars), FLOAT64_ARITHMETIC);
}

export function lookupIn(vars: Record<string, Scalar>): (name: string) => Scalar {
  return (name) => {
    const value = vars[name];
    if (value === undefined) throw new Error(`no value for ${name}`);
    return value;
  };
}

/** Runs `fn`, expects it to throw an instance of `type`, and returns the error. */
export function thrown<E extends Error>(fn: () => unknown, type: abstract new (...args: never[]) => E): E {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error, 'expected a throw').toBeInstanceOf(type);
  return error as E;
}

export function specError(fn: () => unknown): ModelSpecError {
  return thrown(fn, ModelSpecError);
}

/** The 0-based offset of the caret in a ModelSpecError message (the third line). */
export function caretOffset(error: ModelSpecError): number {
  const lines = error.message.split('\n');
  expect(lines).toHaveLength(3);
  const caretLine = lines[2]!;
  expect(caretLine.trimStart()).toBe('^');
  return caretLine.indexOf('^') - 2;
}
