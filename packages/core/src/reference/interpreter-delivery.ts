import type { StateArray } from '../backend.js';
import { BackendError } from '../errors.js';
import { evaluate, FLOAT32_ARITHMETIC, FLOAT64_ARITHMETIC, type Scalar } from '../expr/evaluate.js';
import type { DeliverEvents, DeliveryRequest } from '../network/kernel/contract.js';

/**
 * The reference backend's delivery: each event's `onPre` statements evaluated with core's `evaluate`, no code
 * generated, so the oracle shares nothing with the JavaScript delivery compiler it checks.
 */
export function interpretDelivery(request: DeliveryRequest): DeliverEvents {
  const { projection, dtype, targetN, targetState, synapseState } = request;
  const program = projection.onPre;
  const arithmetic = dtype === 'float32' ? FLOAT32_ARITHMETIC : FLOAT64_ARITHMETIC;
  const arrays = new Map<string, { values: StateArray; perSynapse: boolean }>();
  for (const name of program.synapseVariables) {
    const values = synapseState.get(name);
    if (!values) throw new BackendError(`interpreter: ${program.synapse} has no synapse variable "${name}"`);
    arrays.set(name, { values, perSynapse: true });
  }
  for (const name of program.targetVariables) {
    const values = targetState.get(name);
    if (!values) throw new BackendError(`interpreter: ${program.synapse} has no target variable "${name}"`);
    arrays.set(name, { values, perSynapse: false });
  }
  const targets = projection.connectivity.targets;
  const locals = new Map<string, Scalar>();
  const at = { s: 0, target: 0, t: 0 };
  const lookup = (name: string): Scalar => {
    const local = locals.get(name);
    if (local !== undefined) return local;
    if (name === 't') return at.t;
    const found = arrays.get(name);
    if (!found) throw new BackendError(`interpreter: ${program.synapse} reads unknown "${name}"`);
    return found.values[found.perSynapse ? at.s : at.target]!;
  };
  return (synapses, start, end, row, t) => {
    at.t = t;
    for (let e = start; e < end; e++) {
      const s = synapses[e]!;
      const target = row * targetN + targets[s]!;
      at.s = s;
      at.target = target;
      locals.clear();
      for (const statement of program.statements) {
        const value = evaluate(statement.expr, lookup, arithmetic);
        if (statement.kind === 'let') {
          locals.set(statement.name, value);
          continue;
        }
        const found = arrays.get(statement.name);
        if (!found || found.perSynapse !== (statement.scope === 'synapse'))
          throw new BackendError(`interpreter: ${program.synapse} sets unknown "${statement.name}"`);
        found.values[found.perSynapse ? s : target] = typeof value === 'boolean' ? Number(value) : value;
      }
    }
  };
}
