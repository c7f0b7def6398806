import { identifiersOf } from '../expr/ast.js';
import type { Statement } from './program.js';

/** How a step's statements use symbols, which every code generator needs to plan loads and stores. */
export interface StateUsage {
  /** Every symbol any statement reads (state, parameters, lets, `I`, `t`). */
  readonly read: ReadonlySet<string>;
  /** State read before the step first assigns it: it must be loaded from memory. */
  readonly loaded: ReadonlySet<string>;
  /** State the step assigns: it must be stored back. */
  readonly written: ReadonlySet<string>;
}

/** Which state variables the statements read and write. */
export function stateUsage(statements: readonly Statement[], stateNames: ReadonlySet<string>): StateUsage {
  const read = new Set<string>();
  const loaded = new Set<string>();
  const written = new Set<string>();
  for (const statement of statements) {
    for (const name of identifiersOf(statement.expr)) {
      read.add(name);
      if (stateNames.has(name) && !written.has(name)) loaded.add(name);
    }
    if (statement.kind === 'set') written.add(statement.name);
  }
  return { read, loaded, written };
}
