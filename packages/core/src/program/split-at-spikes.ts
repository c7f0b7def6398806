import { identifiersOf } from '../expr/ast.js';
import type { PhasedProgram } from '../network/kernel/contract.js';
import type { Statement, StepProgram } from './program.js';

/**
 * Splits a step program after the statement that sets its spikes: networks deliver synaptic events between
 * the two parts (Brian2's schedule: integrate, threshold, synapses, reset). A `let` of the first part that the
 * second reads is repeated there, so each part stands alone. A model without a threshold integrates only.
 * `afterSpikeOnSpikesOnly` says whether the second part changes only the elements that spiked (see `onlyOnSpikes`).
 */
export function splitAtSpikes(program: StepProgram): PhasedProgram {
  const { statements, spikes } = program;
  const cut =
    spikes === null
      ? statements.length
      : statements.findIndex((s) => s.kind === 'set' && s.name === spikes) + 1;
  if (cut === 0) throw new Error(`step program of ${program.model} never sets its spikes "${spikes}"`);
  const integrate = statements.slice(0, cut);
  const rest = statements.slice(cut);
  const needed = new Set<string>();
  for (const statement of rest) identifiersOf(statement.expr, needed);
  // Lets read later, with the lets they read in turn, in their original order.
  const repeated: Statement[] = [];
  for (let k = integrate.length - 1; k >= 0; k--) {
    const statement = integrate[k]!;
    if (statement.kind === 'let' && needed.has(statement.name)) {
      const reads = identifiersOf(statement.expr);
      const changed = integrate.slice(k + 1).find((s) => s.kind === 'set' && reads.has(s.name));
      if (changed) {
        throw new Error(
          `step program of ${program.model}: "${statement.name}" is read after the spikes but "${changed.name}" changes in between`,
        );
      }
      repeated.unshift(statement);
      identifiersOf(statement.expr, needed);
    }
  }
  const afterSpike = [...repeated, ...rest];
  return { program, integrate, afterSpike, afterSpikeOnSpikesOnly: onlyOnSpikes(afterSpike, spikes) };
}

/**
 * Whether `statements` leave every element that did not spike as it was: each `set` is a spike-gated identity
 * `x = select(s, E, x)` (E may read anything), and lets have no effect but through the sets. Then the phase
 * may run on the spiking elements alone. A model without a threshold has nothing to gate on.
 */
export function onlyOnSpikes(statements: readonly Statement[], spikes: string | null): boolean {
  if (spikes === null) return false;
  return statements.every((statement) => {
    if (statement.kind === 'let') return true;
    const { expr } = statement;
    return (
      expr.kind === 'select' &&
      expr.cond.kind === 'identifier' &&
      expr.cond.name === spikes &&
      expr.whenFalse.kind === 'identifier' &&
      expr.whenFalse.name === statement.name
    );
  });
}
