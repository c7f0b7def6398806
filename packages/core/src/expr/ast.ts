/** Expression tree shared by the parser, validation, integrators and every backend's code generator. */

export type BinaryOp = '+' | '-' | '*' | '/' | '^' | '<' | '<=' | '>' | '>=' | '==' | '!=' | 'and' | 'or';
/** Operators of a unary node: negation and logical not. */
export type UnaryOp = '-' | 'not';

/** Offsets into the source string; absent on nodes that an integrator or the program builder made. */
export interface Span {
  start: number;
  end: number;
}

/** A numeric literal. */
export interface NumberNode {
  kind: 'number';
  value: number;
  span?: Span;
}
/** A boolean literal (`true`, `false`). */
export interface BooleanNode {
  kind: 'boolean';
  value: boolean;
  span?: Span;
}
/** A name: a state variable, parameter, definition, `I` or `t`. */
export interface IdentifierNode {
  kind: 'identifier';
  name: string;
  span?: Span;
}
/** A unary operator applied to one operand. */
export interface UnaryNode {
  kind: 'unary';
  op: UnaryOp;
  operand: Expr;
  span?: Span;
}
/** A binary operator (arithmetic, comparison or logic) applied to two operands. */
export interface BinaryNode {
  kind: 'binary';
  op: BinaryOp;
  left: Expr;
  right: Expr;
  span?: Span;
}
/** A call of one of `FUNCTIONS` with its arguments. */
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

/** Any expression node. */
export type Expr = NumberNode | BooleanNode | IdentifierNode | UnaryNode | BinaryNode | CallNode | SelectNode;

/** A number node without a source span (for nodes that code builds). */
export const num = (value: number): NumberNode => ({ kind: 'number', value });
/** An identifier node without a source span. */
export const ident = (name: string): IdentifierNode => ({ kind: 'identifier', name });
/** A unary node without a source span. */
export const unary = (op: UnaryOp, operand: Expr): UnaryNode => ({ kind: 'unary', op, operand });
/** A binary node without a source span. */
export const binary = (op: BinaryOp, left: Expr, right: Expr): BinaryNode => ({
  kind: 'binary',
  op,
  left,
  right,
});
/** A call node without a source span. */
export const call = (fn: string, ...args: Expr[]): CallNode => ({ kind: 'call', fn, args });
/** A select node (`cond ? whenTrue : whenFalse`) without a source span. */
export const select = (cond: Expr, whenTrue: Expr, whenFalse: Expr): SelectNode => ({
  kind: 'select',
  cond,
  whenTrue,
  whenFalse,
});

/** The direct sub-expressions of a node, in evaluation order; the one place that knows each node's shape. */
export function children(expr: Expr): readonly Expr[] {
  switch (expr.kind) {
    case 'unary':
      return [expr.operand];
    case 'binary':
      return [expr.left, expr.right];
    case 'call':
      return expr.args;
    case 'select':
      return [expr.cond, expr.whenTrue, expr.whenFalse];
    default:
      return [];
  }
}

/** A copy of `expr` (span kept) with each direct sub-expression replaced by `map(child)`; leaves as they are. */
export function mapChildren(expr: Expr, map: (child: Expr) => Expr): Expr {
  switch (expr.kind) {
    case 'unary':
      return { ...expr, operand: map(expr.operand) };
    case 'binary':
      return { ...expr, left: map(expr.left), right: map(expr.right) };
    case 'call':
      return { ...expr, args: expr.args.map((arg) => map(arg)) };
    case 'select':
      return { ...expr, cond: map(expr.cond), whenTrue: map(expr.whenTrue), whenFalse: map(expr.whenFalse) };
    default:
      return expr;
  }
}

/** Every identifier an expression reads, in first-seen order. */
export function identifiersOf(expr: Expr, into: Set<string> = new Set()): Set<string> {
  if (expr.kind === 'identifier') into.add(expr.name);
  for (const child of children(expr)) identifiersOf(child, into);
  return into;
}

/** A copy of `expr` with identifiers replaced where `replace` returns a node. */
export function substitute(expr: Expr, replace: (name: string) => Expr | undefined): Expr {
  if (expr.kind === 'identifier') return replace(expr.name) ?? expr;
  return mapChildren(expr, (child) => substitute(child, replace));
}
