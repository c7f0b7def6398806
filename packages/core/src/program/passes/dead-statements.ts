import { identifiersOf } from '../../expr/ast.js';
import type { Statement } from '../program.js';

/** Drops every `let` that nothing after it reads (directly or through other kept lets); `set`s all stay. */
export function dropUnusedLets(statements: readonly Statement[]): Statement[] {
  const needed = new Set<string>();
  const kept: Statement[] = [];
  for (let at = statements.length - 1; at >= 0; at--) {
    const statement = statements[at]!;
    if (statement.kind === 'let' && !needed.has(statement.name)) continue;
    if (statement.kind === 'let') needed.delete(statement.name);
    identifiersOf(statement.expr, needed);
    kept.unshift(statement);
  }
  return kept;
}
