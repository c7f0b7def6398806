import { SynapseSpecError } from '../../errors.js';
import type { CallNode, Expr } from '../../expr/ast.js';
import { fillNormal, fillUniform } from '../../random/draws.js';
import { type Connectivity, synapseCount, synapseSources } from '../connectors/connectivity.js';
import { parseValueExpression } from './value-expression.js';

/** What per-synapse values (a number, an array or an expression) are resolved for: the name, synapse, seed and stream. */
export interface SynapseValuesOptions {
  /** What the values are for (`w`, `delay`), for messages. */
  readonly name: string;
  /** The synapse model's name, for messages. */
  readonly synapse?: string;
  /** Seed of `rand()` and `randn()`; needed where the expression calls them. */
  readonly seed?: number;
  /** Stream of the first random call (default 0); call k in source order draws from `stream + k`. */
  readonly stream?: number;
}

/** Synapses evaluated together: bounded scratch memory, loops long enough to be fast. */
const CHUNK = 4096;

/**
 * One float64 value per synapse (in synapse order) of an expression of `i` (source index), `j` (target
 * index), `rand()` and `randn()`. Random call k (0-based, in source order) gives synapse s the draw
 * `drawUniform(seed, stream + k, 0, s)` (`drawNormal` for `randn()`), so values do not depend on how the
 * synapses are split up. A value that is not finite is an error.
 */
export function synapseValues(
  expression: string,
  connectivity: Connectivity,
  options: SynapseValuesOptions,
): Float64Array {
  const where = { synapse: options.synapse, field: `expression for ${options.name}` };
  if (typeof expression !== 'string') {
    throw new SynapseSpecError(where, `expected an expression string, got a ${typeof expression}`);
  }
  const { expr, randomCalls } = parseValueExpression(expression, where);
  if (randomCalls.length > 0 && options.seed === undefined) {
    const first = randomCalls[0]!;
    throw new SynapseSpecError(
      { ...where, source: expression, offset: first.span!.start },
      `${first.fn}() needs a seed; give one with the values' options (e.g. connect's seed)`,
    );
  }
  const stream = options.stream ?? 0;
  const streams = new Map(randomCalls.map((node, k) => [node, stream + k]));
  const count = synapseCount(connectivity);
  const sources = synapseSources(connectivity);
  const values = new Float64Array(count);
  for (let start = 0; start < count; start += CHUNK) {
    const chunk: Chunk = {
      start,
      length: Math.min(CHUNK, count - start),
      sources,
      targets: connectivity.targets,
      seed: options.seed ?? 0,
      streams,
    };
    values.set(evaluateChunk(expr, chunk), start);
  }
  for (let s = 0; s < count; s++) {
    if (!Number.isFinite(values[s]!)) {
      throw new SynapseSpecError(
        { ...where, source: expression, offset: 0 },
        `gives ${values[s]} at synapse ${s} (i = ${sources[s]}, j = ${connectivity.targets[s]}); ` +
          'every per-synapse value must be finite',
      );
    }
  }
  return values;
}

interface Chunk {
  readonly start: number;
  readonly length: number;
  readonly sources: Uint32Array;
  readonly targets: Uint32Array;
  readonly seed: number;
  readonly streams: ReadonlyMap<CallNode, number>;
}

/** The values of `expr` for synapses `start .. start + length`, one node at a time over the whole chunk. */
function evaluateChunk(expr: Expr, chunk: Chunk): Float64Array {
  const out = new Float64Array(chunk.length);
  const end = chunk.start + chunk.length;
  switch (expr.kind) {
    case 'number':
      out.fill(expr.value);
      return out;
    case 'identifier':
      out.set((expr.name === 'i' ? chunk.sources : chunk.targets).subarray(chunk.start, end));
      return out;
    case 'unary': {
      if (expr.op !== '-') break;
      const operand = evaluateChunk(expr.operand, chunk);
      for (let k = 0; k < out.length; k++) out[k] = -operand[k]!;
      return out;
    }
    case 'binary': {
      const a = evaluateChunk(expr.left, chunk);
      const b = evaluateChunk(expr.right, chunk);
      const apply = BINARY[expr.op];
      if (!apply) break;
      for (let k = 0; k < out.length; k++) out[k] = apply(a[k]!, b[k]!);
      return out;
    }
    case 'call': {
      const stream = chunk.streams.get(expr);
      if (stream !== undefined) {
        if (expr.fn === 'rand') fillUniform(out, chunk.seed, stream, 0, chunk.start);
        else fillNormal(out, chunk.seed, stream, 0, chunk.start);
        return out;
      }
      const unary = UNARY_FUNCTIONS[expr.fn];
      if (unary) {
        const x = evaluateChunk(expr.args[0]!, chunk);
        for (let k = 0; k < out.length; k++) out[k] = unary(x[k]!);
        return out;
      }
      const binary = BINARY_FUNCTIONS[expr.fn];
      if (binary) {
        const x = evaluateChunk(expr.args[0]!, chunk);
        const y = evaluateChunk(expr.args[1]!, chunk);
        for (let k = 0; k < out.length; k++) out[k] = binary(x[k]!, y[k]!);
        return out;
      }
      break;
    }
  }
  // Type checking admits only number-valued nodes of the kinds above.
  throw new Error(`synapseValues: cannot evaluate ${expr.kind} node`);
}

// The same operations as the reference evaluator (expr/evaluate.ts) in float64.
const BINARY: Readonly<Partial<Record<string, (a: number, b: number) => number>>> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => a / b,
  '^': (a, b) => a ** b,
};

const UNARY_FUNCTIONS: Readonly<Partial<Record<string, (x: number) => number>>> = {
  exp: Math.exp,
  log: Math.log,
  sqrt: Math.sqrt,
  abs: Math.abs,
  tanh: Math.tanh,
};

const BINARY_FUNCTIONS: Readonly<Partial<Record<string, (x: number, y: number) => number>>> = {
  min: Math.min,
  max: Math.max,
  pow: (x, y) => x ** y,
};
