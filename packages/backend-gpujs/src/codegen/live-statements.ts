import { identifiersOf, type Statement, substitute } from '@synapticflow/core/backend';

export interface LiveSlice {
  /** The statements needed for the outputs, in program order; reads of final values renamed (finalName). */
  statements: Statement[];
  /** Symbols read before anything here assigns them: state to load, parameters, `I`, `t`. */
  reads: Set<string>;
  /** State whose end-of-step value is read and comes from an earlier launch instead of being recomputed. */
  readsFinal: Set<string>;
}

const FINAL_PREFIX = 'final:';

/** The identifier that stands for a state variable's end-of-step value (a colon: no model name has one). */
export function finalName(name: string): string {
  return `${FINAL_PREFIX}${name}`;
}

/** The state variable a finalName stands for, or undefined for any other identifier. */
export function finalOf(name: string): string | undefined {
  return name.startsWith(FINAL_PREFIX) ? name.slice(FINAL_PREFIX.length) : undefined;
}

/**
 * The part of the step program that computes `outputs` (their end-of-step values), by a backward liveness
 * pass, so that a kernel writing only some state skips work only the others need. A read of a state
 * variable after its last assignment sees its end-of-step value; where an earlier launch of the same step
 * already produced that (`available`), the read is renamed to finalName(name) and not recomputed.
 */
export function liveStatements(
  statements: readonly Statement[],
  outputs: Iterable<string>,
  available: ReadonlySet<string> = new Set(),
): LiveSlice {
  const lastSet = lastAssignments(statements);
  const live = new Set(outputs);
  const readsFinal = new Set<string>();
  const kept: Statement[] = [];
  for (let at = statements.length - 1; at >= 0; at--) {
    const statement = statements[at]!;
    if (!live.has(statement.name)) continue;
    live.delete(statement.name);
    const isFinal = (name: string) => available.has(name) && (lastSet.get(name) ?? -1) < at;
    for (const name of identifiersOf(statement.expr)) (isFinal(name) ? readsFinal : live).add(name);
    const expr = substitute(statement.expr, (name) =>
      isFinal(name) ? { kind: 'identifier', name: finalName(name) } : undefined,
    );
    kept.unshift({ ...statement, expr });
  }
  return { statements: kept, reads: live, readsFinal };
}

/** Updated state by order of last assignment: a launch can then reuse the final values of earlier ones. */
export function byLastAssignment(statements: readonly Statement[], names: readonly string[]): string[] {
  const last = lastAssignments(statements);
  return [...names].sort((a, b) => (last.get(a) ?? -1) - (last.get(b) ?? -1));
}

function lastAssignments(statements: readonly Statement[]): Map<string, number> {
  const last = new Map<string, number>();
  statements.forEach((s, at) => {
    if (s.kind === 'set') last.set(s.name, at);
  });
  return last;
}
