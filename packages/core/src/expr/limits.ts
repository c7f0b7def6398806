import { ModelSpecError, type SpecLocation } from '../errors.js';
import { children, type Expr } from './ast.js';

/**
 * How deeply operators, function calls and parentheses may nest in one expression, after definitions are
 * expanded. Code generators and tree walks recurse once per level; this keeps them far from the stack's end.
 */
export const MAX_EXPRESSION_DEPTH = 128;

/** How many terms (nodes) one expression may have once definitions are expanded into it. */
export const MAX_EXPANDED_SIZE = 10_000;

/** An expression nests too deeply or grows too large once definitions are expanded. */
export class ExpressionLimitError extends ModelSpecError {
  override readonly code: string = 'EXPRESSION_LIMIT';
  /** The limit that was exceeded. */
  readonly limit: number;
  constructor(location: SpecLocation, detail: string, limit: number) {
    super(location, detail);
    this.limit = limit;
  }
}

/** The message of the depth limit; `nesting` says how deep, where known. */
export const depthLimitDetail = (nesting: string): string =>
  `expression ${nesting} deeper than ${MAX_EXPRESSION_DEPTH} levels (operators, calls and parentheses); ` +
  'write long sums as products where terms repeat, or move part of the model into state';

/**
 * The nesting depth (a term alone is 0) and node count of an expression, counting each shared sub-tree
 * (an expanded definition) once per use without walking it again. Iterative, so any input is safe.
 */
export function measureExpression(expr: Expr): { depth: number; size: number } {
  const known = new Map<Expr, { depth: number; size: number }>();
  const pending: Expr[] = [expr];
  while (pending.length > 0) {
    const node = pending[pending.length - 1]!;
    if (known.has(node)) {
      pending.pop();
      continue;
    }
    const inner = children(node);
    const missing = inner.filter((child) => !known.has(child));
    if (missing.length > 0) {
      pending.push(...missing);
      continue;
    }
    pending.pop();
    let depth = 0;
    let size = 1;
    for (const child of inner) {
      const measured = known.get(child)!;
      depth = Math.max(depth, measured.depth + 1);
      size += measured.size;
    }
    known.set(node, { depth, size });
  }
  return known.get(expr)!;
}

/** Throws `ExpressionLimitError` where an (expanded) expression exceeds the depth or size limit. */
export function checkExpressionLimits(expr: Expr, where: SpecLocation): void {
  const { depth, size } = measureExpression(expr);
  if (depth > MAX_EXPRESSION_DEPTH) {
    throw new ExpressionLimitError(
      { ...where, offset: where.source === undefined ? undefined : 0 },
      depthLimitDetail(`nests ${depth} levels once definitions are expanded,`),
      MAX_EXPRESSION_DEPTH,
    );
  }
  if (size > MAX_EXPANDED_SIZE) {
    throw new ExpressionLimitError(
      { ...where, offset: where.source === undefined ? undefined : 0 },
      `expression has ${size} terms once definitions are expanded, more than ${MAX_EXPANDED_SIZE} terms; ` +
        'a definition used twice in the next one doubles it at every level, so compute the shared ' +
        'part once (e.g. write 2 * d instead of d + d)',
      MAX_EXPANDED_SIZE,
    );
  }
}
