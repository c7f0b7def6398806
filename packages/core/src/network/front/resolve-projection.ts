import type { Dtype } from '../../backend.js';
import { NetworkError } from '../../errors.js';
import { closestName } from '../../model/closest-name.js';
import { bytesPerValue } from '../../population/memory.js';
import { connectivityBytes, synapseCount } from '../connectors/connectivity.js';
import type { PlanPopulation, PlanProjection } from '../kernel/contract.js';
import { compileSynapse } from '../synapse/compile.js';
import { delayToSteps } from '../synapse/delay.js';
import type { SynapseSpec } from '../synapse/spec.js';
import { synapseValues } from '../synapse/values.js';
import { buildConnectivity, type ConnectorSpec, expectedSynapses } from './connector-spec.js';
import type { MemoryBudget } from './memory-budget.js';

/** A per-synapse value: one number, one value per synapse, or an expression of i, j, rand() and randn(). */
export type SynapseValue = number | ArrayLike<number> | string;

/**
 * `connect`'s options: the synapse model, the connector, and a value for each per-synapse variable under its
 * own name (`w: 0.5`). Per-synapse arrays are in synapse order (sorted by source, then target), except for an
 * explicit connector, where they follow the given pairs.
 */
export interface ConnectOptions {
  synapse: SynapseSpec;
  connector: ConnectorSpec;
  /** Delay in ms (default 0), rounded to whole steps as Brian2 does; a value or one per synapse. */
  delay?: SynapseValue;
  /** Seed of rand() and randn() in value expressions. */
  seed?: number;
  /** Unique among the network's projections; default "source -> target". */
  name?: string;
  readonly [variable: string]: SynapseValue | SynapseSpec | ConnectorSpec | undefined;
}

const OPTION_NAMES = ['synapse', 'connector', 'delay', 'seed', 'name'];

/** Random calls an expression may make before its streams reach those of the next value. */
export const STREAMS_PER_VALUE = 65536;

export interface ProjectionEnds {
  readonly name: string;
  readonly source: { readonly index: number; readonly n: number; readonly name: string };
  readonly target: { readonly index: number; readonly plan: PlanPopulation };
  readonly samePopulation: boolean;
}

export interface ResolvedProjection {
  plan: PlanProjection;
  bytes: number;
  variables: readonly string[];
}

/**
 * Checks `connect`'s options for one target, builds the connectivity, evaluates every per-synapse value and
 * rounds the delays: the projection's part of the plan. Memory is reserved before the large arrays exist.
 */
export function resolveProjection(
  ends: ProjectionEnds,
  options: ConnectOptions,
  settings: { dt: number; dtype: Dtype; memory: MemoryBudget },
): ResolvedProjection {
  const where = `projection "${ends.name}"`;
  const program = ends.target.plan.phased.program;
  const onPre = compileSynapse(options.synapse, {
    model: program.model,
    state: program.state.map(({ name, type }) => ({ name, type })),
    parameters: program.parameters,
  });
  const declared = Object.keys(options.synapse.variables ?? { w: {} });
  const clash = declared.find((name) => OPTION_NAMES.includes(name));
  if (clash !== undefined) {
    throw new NetworkError(
      `${where}: synapse variable "${clash}" has the name of connect's option ${clash}; rename the variable`,
    );
  }
  for (const key of Object.keys(options)) {
    if (OPTION_NAMES.includes(key) || declared.includes(key)) continue;
    const guess = closestName(key, [...OPTION_NAMES, ...declared]);
    throw new NetworkError(
      `${where}: connect has no option "${key}"${guess === undefined ? '' : ` (did you mean "${guess}"?)`}; ` +
        `the synapse's variables are ${declared.map((v) => `"${v}"`).join(', ')}, the other options ${OPTION_NAMES.join(', ')}`,
    );
  }
  const seed = options.seed;

  const sizes = {
    sourceCount: ends.source.n,
    targetCount: ends.target.plan.n,
    samePopulation: ends.samePopulation,
    maxBytes: Math.max(0, settings.memory.limit - settings.memory.bytes),
  };
  // Connectivity, then per variable its float64 plan copy and the kernel's copy in the dtype, then delays.
  const perSynapse = (count: number) =>
    connectivityBytes(ends.source.n, count) +
    count * onPre.synapseVariables.length * (8 + bytesPerValue(settings.dtype)) +
    (options.delay === undefined || typeof options.delay === 'number' ? 0 : count * 4);
  const expected = perSynapse(Math.ceil(expectedSynapses(options.connector, sizes)));
  settings.memory.reserve(expected, where);
  const { connectivity, pairOrder } = buildConnectivity(options.connector, sizes, where);
  const count = synapseCount(connectivity);
  settings.memory.release(expected);
  const bytes = perSynapse(count);
  settings.memory.reserve(bytes, where);

  const valuesOf = (name: string, value: SynapseValue, k: number): Float64Array => {
    if (typeof value === 'string') {
      return synapseValues(value, connectivity, {
        name: `${where}: ${name}`,
        synapse: onPre.synapse,
        ...(seed === undefined ? {} : { seed }),
        stream: k * STREAMS_PER_VALUE,
      });
    }
    const values = new Float64Array(count);
    if (typeof value === 'number') {
      if (!Number.isFinite(value))
        throw new NetworkError(`${where}: ${name} is ${value}; give a finite number`);
      return values.fill(value);
    }
    if (typeof value !== 'object' || value === null || typeof value.length !== 'number') {
      throw new NetworkError(
        `${where}: ${name} must be a number, one value per synapse, or an expression string; got ${typeof value}`,
      );
    }
    if (value.length !== count) {
      throw new NetworkError(
        `${where}: ${name} has ${value.length} values but the projection has ${count} synapses; give one per ` +
          `synapse (${pairOrder ? 'in the order of the pairs' : 'sorted by source, then target'}) or an expression`,
      );
    }
    for (let s = 0; s < count; s++) {
      const x = value[pairOrder ? pairOrder[s]! : s]!;
      if (typeof x !== 'number' || !Number.isFinite(x)) {
        throw new NetworkError(
          `${where}: ${name}[${pairOrder ? pairOrder[s] : s}] is ${x}; give finite numbers`,
        );
      }
      values[s] = x;
    }
    return values;
  };

  const variables = new Map<string, Float64Array>();
  for (const name of onPre.synapseVariables) {
    const value = (options[name] as SynapseValue | undefined) ?? options.synapse.variables?.[name]?.initial;
    if (value === undefined) {
      throw new NetworkError(
        `${where}: synapse variable "${name}" has no value; give connect the option ${name}: a number, one value ` +
          'per synapse, or an expression of i, j, rand() and randn()',
      );
    }
    variables.set(name, valuesOf(name, value, declared.indexOf(name)));
  }
  const delay = options.delay ?? 0;
  const delayMs = typeof delay === 'number' ? delay : valuesOf('delay', delay, declared.length);
  const delaySteps = delayToSteps(delayMs, settings.dt, `${where}: delay`);

  const plan: PlanProjection = {
    name: ends.name,
    source: ends.source.index,
    target: ends.target.index,
    connectivity,
    delaySteps,
    variables,
    onPre,
  };
  return { plan, bytes, variables: declared };
}
