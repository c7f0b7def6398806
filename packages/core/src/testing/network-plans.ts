/** Hand-built network plans for the runner's tests (not part of the build). */
import type { Dtype, StateArray } from '../backend.js';
import { evaluate, FLOAT64_ARITHMETIC } from '../expr/evaluate.js';
import { parseExpression } from '../expr/parser.js';
import type { ModelSpec } from '../model/spec.js';
import { validateModel } from '../model/validate.js';
import type { Connectivity } from '../network/connectors/connectivity.js';
import type {
  DeliveryProgram,
  DeliveryStatement,
  NetworkPlan,
  PlanGroup,
  PlanPopulation,
  PlanProjection,
  SpikeSink,
  StateProbe,
} from '../network/kernel/contract.js';
import { evaluatePerNeuron, programParameters, resolveParameters } from '../population/parameters.js';
import { buildProgram } from '../program/build.js';
import { splitAtSpikes } from '../program/split-at-spikes.js';

export const DT = 0.1;

/** A neuron that only integrates its input (`v' = I`), fires at `v >= 10` and resets to 0. */
export const ACCUMULATOR: ModelSpec = {
  name: 'accumulator',
  parameters: {},
  state: { v: { initial: 0 }, g: { initial: 0 } },
  equations: { v: 'I', g: '0' },
  threshold: 'v >= 10',
  reset: { v: '0' },
};

export interface PopulationOptions {
  name?: string;
  n: number;
  batchSize?: number;
  params?: Record<string, number | number[]>;
  /** Initial values (n or batchSize*n) per state variable; others come from the model's initial expressions. */
  init?: Record<string, number[]>;
  input?: number | number[];
  dt?: number;
  dtype?: Dtype;
}

export function population(model: ModelSpec, options: PopulationOptions): PlanPopulation {
  const { n, batchSize = 1, dt = DT, dtype = 'float64' } = options;
  const validated = validateModel(model);
  const values = resolveParameters(validated, {}, options.params ?? {}, n);
  const program = buildProgram(validated, { dt });
  const initial = new Map<string, Float64Array>();
  for (const variable of program.state) {
    const out = new Float64Array(batchSize * n);
    const given = options.init?.[variable.name];
    if (given) {
      for (let i = 0; i < out.length; i++) out[i] = given[given.length === n ? i % n : i]!;
    } else {
      const value = evaluatePerNeuron(
        (lookup) => Number(evaluate(variable.initial, lookup, FLOAT64_ARITHMETIC)),
        values,
        n,
      );
      for (let i = 0; i < out.length; i++) out[i] = typeof value === 'number' ? value : value[i % n]!;
    }
    initial.set(variable.name, out);
  }
  const input = new Float64Array(n);
  input.set(
    typeof options.input === 'number' || options.input === undefined
      ? new Array(n).fill(options.input ?? 0)
      : options.input,
  );
  return {
    kind: 'population',
    name: options.name ?? model.name,
    n,
    phased: splitAtSpikes(program),
    parameters: programParameters(program, values, n, dtype),
    initial,
    input,
  };
}

/** Spike trains from [step, index] pairs (sorted here). */
export function trains(n: number, spikes: [number, number][], name = 'trains'): PlanGroup {
  const sorted = [...spikes].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  return {
    kind: 'spike-trains',
    name,
    n,
    steps: Uint32Array.from(sorted.map((s) => s[0])),
    indices: Uint32Array.from(sorted.map((s) => s[1])),
  };
}

/** Connectivity from (source, target) pairs, kept in the given order within a source. */
export function pairs(sourceCount: number, targetCount: number, list: [number, number][]): Connectivity {
  const order = list.map((pair, k) => ({ pair, k })).sort((a, b) => a.pair[0] - b.pair[0] || a.k - b.k);
  const rowStarts = new Uint32Array(sourceCount + 1);
  for (const [i] of list) rowStarts[i + 1]!++;
  for (let i = 0; i < sourceCount; i++) rowStarts[i + 1]! += rowStarts[i]!;
  return { sourceCount, targetCount, rowStarts, targets: Uint32Array.from(order.map((o) => o.pair[1])) };
}

const WHERE = { model: 'synapse', field: 'onPre' };

/**
 * A synapse program from `name op= expression` lines (op one of + - *, or plain =); names in `synapse` are
 * per-synapse variables, other set names are target state, `let x = ...` a local.
 */
export function onPre(lines: string[], synapse: string[], target: string[]): DeliveryProgram {
  const statements: DeliveryStatement[] = lines.map((line) => {
    const local = /^let\s+(\w+)\s*=\s*(.+)$/.exec(line);
    if (local)
      return { kind: 'let', scope: 'local', name: local[1]!, expr: parseExpression(local[2]!, WHERE) };
    const match = /^(\w+)\s*([-+*]?)=\s*(.+)$/.exec(line);
    if (!match) throw new Error(`cannot read ${line}`);
    const [, name, op, rest] = match;
    const source = op ? `${name} ${op} (${rest})` : rest!;
    return {
      kind: 'set',
      scope: synapse.includes(name!) ? 'synapse' : 'target',
      name: name!,
      expr: parseExpression(source, WHERE),
    };
  });
  return {
    specificationVersion: 'v1',
    synapse: 'test',
    synapseVariables: synapse,
    targetVariables: target,
    statements,
  };
}

export function projection(
  source: number,
  target: number,
  connectivity: Connectivity,
  program: DeliveryProgram,
  variables: Record<string, number[] | number>,
  delaySteps: number | number[] = 0,
): PlanProjection {
  const count = connectivity.targets.length;
  return {
    name: `p${source}-${target}`,
    source,
    target,
    connectivity,
    delaySteps: typeof delaySteps === 'number' ? delaySteps : Uint32Array.from(delaySteps),
    variables: new Map(
      Object.entries(variables).map(([name, v]) => [
        name,
        typeof v === 'number' ? new Float64Array(count).fill(v) : Float64Array.from(v),
      ]),
    ),
    onPre: program,
  };
}

export function plan(
  groups: PlanGroup[],
  projections: PlanProjection[],
  options: { batchSize?: number; dtype?: Dtype; dt?: number } = {},
): NetworkPlan {
  return {
    specificationVersion: 'v1',
    dt: options.dt ?? DT,
    dtype: options.dtype ?? 'float64',
    batchSize: options.batchSize ?? 1,
    groups,
    projections,
  };
}

/** A probe of every element of a variable at every step of a run. */
export function everyStep(
  group: number,
  name: string,
  size: number,
  steps: number,
  dtype: Dtype = 'float64',
): StateProbe {
  return {
    group,
    name,
    indices: Uint32Array.from({ length: size }, (_, i) => i),
    stride: 1,
    buffer: dtype === 'float32' ? new Float32Array(size * steps) : new Float64Array(size * steps),
  };
}

/** A sink collecting [step, group, flat index] triples. */
export function collectingSink(groups: number[]): SpikeSink & { spikes: [number, number, number][] } {
  const spikes: [number, number, number][] = [];
  return {
    groups,
    spikes,
    accept(step, group, indices, count) {
      for (let q = 0; q < count; q++) spikes.push([step, group, indices[q]!]);
    },
  };
}

/** Rows of a probe buffer as arrays. */
export function rows(buffer: StateArray, width: number): number[][] {
  const out: number[][] = [];
  for (let r = 0; r * width < buffer.length; r++) out.push([...buffer.subarray(r * width, (r + 1) * width)]);
  return out;
}
