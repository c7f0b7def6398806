/** Expression tree shared by the parser, validation, integrators and every backend's code generator. */

export type BinaryOp = '+' | '-' | '*' | '/' | '^' | '<' | '<=' | '>' | '>=' | '==' | '!=' | 'and' | 'or';
export type UnaryOp = '-' | 'not';

/** Offsets into the source string; absent on nodes that an integrator or the program builder made. */
export interface Span {
  start: number;
  end: number;
}

export interface NumberNode {
  kind: 'number';
  value: number;
  span?: Span;
}
export interface BooleanNode {
  kind: 'boolean';
  value: boolean;
  span?: Span;
}
export interface IdentifierNode {
  kind: 'identifier';
  name: string;
  span?: Span;
}
export interface UnaryNode {
  kind: 'unary';
  op: UnaryOp;
  operand: Expr;
  span?: Span;
}
export interface BinaryNode {
  kind: 'binary';
  op: BinaryOp;
  left: Expr;
  right: Expr;
  span?: Span;
}
export interface CallNode {
  kind: 'call';
  fn: string;
  args: Expr[];
  span?: Span;
}
/** `cond ? whenTrue : whenFalse`, evaluated without letting the untaken branch leak into the result. */
export interface SelectNode {
  kind: 'select';
  cond: Expr;
  whenTrue: Expr;
  whenFalse: Expr;
  span?: Span;
}

export type Expr = NumberNode | BooleanNode | IdentifierNode | UnaryNode | BinaryNode | CallNode | SelectNode;

export const num = (value: number): NumberNode => ({ kind: 'number', value });
export const ident = (name: string): IdentifierNode => ({ kind: 'identifier', name });
export const unary = (op: UnaryOp, operand: Expr): UnaryNode => ({ kind: 'unary', op, operand });
export const binary = (op: BinaryOp, left: Expr, right: Expr): BinaryNode => ({
  kind: 'binary',
  op,
  left,
  right,
});
export const call = (fn: string, ...args: Expr[]): CallNode => ({ kind: 'call', fn, args });
export const select = (cond: Expr, whenTrue: Expr, whenFalse: Expr): SelectNode => ({
  kind: 'select',
  cond,
  whenTrue,
  whenFalse,
});

/** Every identifier an expression reads, in first-seen order. */
export function identifiersOf(expr: Expr, into: Set<string> = new Set()): Set<string> {
  switch (expr.kind) {
    case 'identifier':
      into.add(expr.name);
      break;
    case 'unary':
      identifiersOf(expr.operand, into);
      break;
    case 'binary':
      identifiersOf(expr.left, into);
      identifiersOf(expr.right, into);
      break;
    case 'call':
      for (const arg of expr.args) identifiersOf(arg, into);
      break;
    case 'select':
      identifiersOf(expr.cond, into);
      identifiersOf(expr.whenTrue, into);
      identifiersOf(expr.whenFalse, into);
      break;
  }
  return into;
}

/** A copy of `expr` with identifiers replaced where `replace` returns a node. */
export function substitute(expr: Expr, replace: (name: string) => Expr | undefined): Expr {
  switch (expr.kind) {
    case 'identifier':
      return replace(expr.name) ?? expr;
    case 'unary':
      return { ...expr, operand: substitute(expr.operand, replace) };
    case 'binary':
      return { ...expr, left: substitute(expr.left, replace), right: substitute(expr.right, replace) };
    case 'call':
      return { ...expr, args: expr.args.map((arg) => substitute(arg, replace)) };
    case 'select':
      return {
        ...expr,
        cond: substitute(expr.cond, replace),
        whenTrue: substitute(expr.whenTrue, replace),
        whenFalse: substitute(expr.whenFalse, replace),
      };
    default:
      return expr;
  }
}
