import { children, type Expr, identifiersOf, substitute } from '../../expr/ast.js';
import type { Statement } from '../program.js';

/**
 * Moves each `let` that is read exactly once into the expression that reads it, where nothing it reads is
 * reassigned in between. In JavaScript a `select` is a lazy `?:`, so a derivative inlined into the
 * refractory select is not computed (no `exp`) for frozen neurons.
 */
export function inlineSingleUseLets(statements: readonly Statement[]): Statement[] {
  let current = [...statements];
  for (let changed = true; changed; ) {
    changed = false;
    for (let at = 0; at < current.length; at++) {
      const candidate = current[at]!;
      if (candidate.kind !== 'let') continue;
      const readers = current
        .map((s, i) => (i > at && countReads(s.expr, candidate.name) > 0 ? i : -1))
        .filter((i) => i >= 0);
      if (readers.length !== 1 || countReads(current[readers[0]!]!.expr, candidate.name) !== 1) continue;
      const reader = readers[0]!;
      const inputs = identifiersOf(candidate.expr);
      const clobbered = current.slice(at + 1, reader).some((s) => inputs.has(s.name));
      if (clobbered) continue;
      const target = current[reader]!;
      const replaced = substitute(target.expr, (name) =>
        name === candidate.name ? candidate.expr : undefined,
      );
      current = current
        .map((s, i) => (i === reader ? { ...target, expr: replaced } : s))
        .filter((_, i) => i !== at);
      changed = true;
      break;
    }
  }
  return current;
}

function countReads(expr: Expr, name: string): number {
  if (expr.kind === 'identifier') return expr.name === name ? 1 : 0;
  let count = 0;
  for (const child of children(expr)) count += countReads(child, name);
  return count;
}
