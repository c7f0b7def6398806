import type { FloatArray, StateArray } from '../../backend.js';
import { BackendError } from '../../errors.js';
import { emitJsExpression, JS_MATH_PRELUDE } from '../../program/javascript/emit-expression.js';
import { checkedIdentifier } from '../../program/javascript/safe-identifiers.js';
import type { DeliverEvents, DeliveryRequest } from '../kernel/contract.js';

const GENERATOR = 'JavaScript delivery compiler';

/**
 * Delivers every event of the spikes `spikes[0..count)` (flat indices row*sourceN + i, ascending) through
 * all synapses of their sources, in synapse order: the path for a projection with one delay.
 */
export type DeliverSpikes = (spikes: Uint32Array, count: number, sourceN: number, t: number) => void;

/**
 * As `DeliverSpikes`, applying only the events whose target key `row * keyStride + targetIndex` lies in
 * [lo, hi): keyStride 0 owns target columns of every batch row, the target's n owns flat elements.
 */
export type DeliverOwnedSpikes = (
  spikes: Uint32Array,
  count: number,
  sourceN: number,
  t: number,
  keyStride: number,
  lo: number,
  hi: number,
) => void;

export interface JsDeliveryEntries {
  /** The contract's per-synapse entry. */
  readonly events: DeliverEvents;
  readonly spikes: DeliverSpikes;
  readonly owned: DeliverOwnedSpikes;
}

/**
 * The generated delivery as source text, for a thread to build over its own views of shared memory:
 * `new Function(...parameters, source)(...args)` returns the entries, with `args` the same arrays (or views
 * of the same memory) as `factoryArguments`.
 */
export interface JsDeliverySource {
  readonly parameters: readonly string[];
  readonly source: string;
  readonly factoryArguments: readonly (StateArray | FloatArray | Uint32Array)[];
  /** Whether a statement sets a synapse variable (synapse state is shared by the batch rows). */
  readonly writesSynapses: boolean;
}

/** Core's JavaScript delivery: the projection's `onPre` over the live views, as generated source. */
export function compileJsDelivery(request: DeliveryRequest): DeliverEvents {
  return compileJsDeliveryEntries(request).events;
}

/**
 * Generates both entries from one loop body. Synapse and target variables are loaded once per event and
 * stored back only when a statement sets them; in float32 every operation is rounded (as the step program's
 * emitter does), so the result is bit-identical to a backend emitting the same operations.
 */
export function compileJsDeliveryEntries(request: DeliveryRequest): JsDeliveryEntries & JsDeliverySource {
  const { projection, dtype, targetN, targetState, synapseState } = request;
  const program = projection.onPre;
  const synapses = program.synapseVariables.map((name) => checkedIdentifier(name, GENERATOR));
  const targets = program.targetVariables.map((name) => checkedIdentifier(name, GENERATOR));
  const arrays: StateArray[] = [];
  const arrayName = (array: StateArray | FloatArray | undefined, what: string): string => {
    if (!array) throw new BackendError(`${GENERATOR}: ${program.synapse} has no ${what}`);
    arrays.push(array);
    return `a${arrays.length - 1}`;
  };
  const synapseArrays = synapses.map((name) =>
    arrayName(synapseState.get(name), `synapse variable "${name}"`),
  );
  const targetArrays = targets.map((name) => arrayName(targetState.get(name), `target variable "${name}"`));
  const booleanTargets = new Set(targets.filter((name) => targetState.get(name) instanceof Uint8Array));

  const locals = new Set<string>();
  const names = {
    resolve(name: string): string {
      if (locals.has(name)) return `l_${name}`;
      if (synapses.includes(name)) return `s_${name}`;
      if (targets.includes(name)) return `v_${name}`;
      if (name === 't') return 't';
      throw new BackendError(`${GENERATOR}: ${program.synapse} reads "${name}", which it does not declare`);
    },
  };
  const body: string[] = [];
  const setSynapses = new Set<string>();
  const setTargets = new Set<string>();
  for (const statement of program.statements) {
    const name = checkedIdentifier(statement.name, GENERATOR);
    const code = emitJsExpression(statement.expr, dtype, names);
    if (statement.kind === 'let' || statement.scope === 'local') {
      if (locals.has(name)) body.push(`l_${name} = ${code};`);
      else body.push(`let l_${name} = ${code};`);
      locals.add(name);
    } else if (statement.scope === 'synapse' && synapses.includes(name)) {
      body.push(`s_${name} = ${code};`);
      setSynapses.add(name);
    } else if (statement.scope === 'target' && targets.includes(name)) {
      body.push(`v_${name} = ${booleanTargets.has(name) ? `(${code}) ? 1 : 0` : code};`);
      setTargets.add(name);
    } else {
      throw new BackendError(
        `${GENERATOR}: ${program.synapse} sets "${name}", which is not one of its ${statement.scope} variables`,
      );
    }
  }
  const loads = [
    ...synapses.map((name, k) => `let s_${name} = ${synapseArrays[k]}[s];`),
    ...targets.map((name, k) => `let v_${name} = ${targetArrays[k]}[target];`),
  ];
  const stores = [
    ...synapses
      .filter((name) => setSynapses.has(name))
      .map((name) => `${synapseArrays[synapses.indexOf(name)]}[s] = s_${name};`),
    ...targets
      .filter((name) => setTargets.has(name))
      .map((name) => `${targetArrays[targets.indexOf(name)]}[target] = v_${name};`),
  ];
  const event = ['const target = base + targetIndex[s];', ...loads, ...body, ...stores].join('\n      ');
  // A spike's batch row, source neuron and first target element, in the two entries that walk spike lists.
  const spikeRow = `const flat = spikeList[q];
      const row = Math.floor(flat / sourceN);
      const i = flat - row * sourceN;
      const base = row * ${targetN};`;
  // The prelude goes inside each entry, so V8 sees the Math builtins (see JS_MATH_PRELUDE).
  const source = `
return {
  events(synapses, start, end, row, t) {
    ${JS_MATH_PRELUDE}
    const base = row * ${targetN};
    for (let e = start; e < end; e++) {
      const s = synapses[e];
      ${event}
    }
  },
  spikes(spikeList, count, sourceN, t) {
    ${JS_MATH_PRELUDE}
    for (let q = 0; q < count; q++) {
      ${spikeRow}
      const last = rowStarts[i + 1];
      for (let s = rowStarts[i]; s < last; s++) {
        ${event}
      }
    }
  },
  owned(spikeList, count, sourceN, t, keyStride, lo, hi) {
    ${JS_MATH_PRELUDE}
    for (let q = 0; q < count; q++) {
      ${spikeRow}
      const keyBase = row * keyStride;
      ${ownedRowLoop(rowsSorted(projection.connectivity), event)}
    }
  },
};`;
  if (!Number.isSafeInteger(targetN) || targetN < 0)
    throw new BackendError(`${GENERATOR}: target size ${targetN} is not a count`);
  const parameters = ['targetIndex', 'rowStarts', ...arrays.map((_, k) => `a${k}`)];
  const factory = new Function(...parameters, source) as (...args: unknown[]) => JsDeliveryEntries;
  const { connectivity } = projection;
  const factoryArguments = [connectivity.targets, connectivity.rowStarts, ...arrays];
  return {
    ...factory(...factoryArguments),
    parameters,
    source,
    factoryArguments,
    writesSynapses: setSynapses.size > 0,
  };
}

/**
 * The owned entry's loop over one source row `s` in [rowStarts[i], rowStarts[i + 1]). Where every row's targets
 * ascend (as connectors build them), keys ascend too: a binary search finds the first owned synapse and the
 * loop stops at the first beyond; otherwise every synapse's key is tested. Both visit the owned synapses in
 * synapse order.
 */
function ownedRowLoop(sorted: boolean, event: string): string {
  if (!sorted) {
    return `const last = rowStarts[i + 1];
      for (let s = rowStarts[i]; s < last; s++) {
        const key = keyBase + targetIndex[s];
        if (key < lo || key >= hi) continue;
        ${event}
      }`;
  }
  return `const last = rowStarts[i + 1];
      let s = rowStarts[i];
      let above = last;
      while (s < above) {
        const middle = (s + above) >>> 1;
        if (keyBase + targetIndex[middle] < lo) s = middle + 1;
        else above = middle;
      }
      for (; s < last; s++) {
        if (keyBase + targetIndex[s] >= hi) break;
        ${event}
      }`;
}

/** Whether the targets of every source row are in ascending order (ties allowed). */
function rowsSorted(connectivity: { rowStarts: Uint32Array; targets: Uint32Array }): boolean {
  const { rowStarts, targets } = connectivity;
  for (let i = 0; i + 1 < rowStarts.length; i++) {
    for (let s = rowStarts[i]! + 1; s < rowStarts[i + 1]!; s++)
      if (targets[s]! < targets[s - 1]!) return false;
  }
  return true;
}
