import { ModelSpecError, SynapseSpecError, type SynapseSpecLocation } from '../../errors.js';
import { type CallNode, children, type Expr } from '../../expr/ast.js';
import type { FunctionInfo } from '../../expr/functions.js';
import { parseExpression } from '../../expr/parser.js';
import { shownName } from '../../model/closest-name.js';
import { typeOf } from '../../model/typecheck.js';

/** Draws callable in per-synapse value expressions only: neuron models have no randomness (yet). */
export const RANDOM_FUNCTIONS: Readonly<Record<'rand' | 'randn', FunctionInfo>> = {
  /** Uniform in [0, 1). */
  rand: { arity: 0, internal: false },
  /** Standard normal. */
  randn: { arity: 0, internal: false },
};

/** The names a per-synapse value expression reads: the synapse's source and target neuron indices. */
export const VALUE_SYMBOLS = ['i', 'j'] as const;

export interface ValueExpression {
  readonly expr: Expr;
  /** The `rand()` and `randn()` calls in source order; call k draws from stream `stream + k`. */
  readonly randomCalls: readonly CallNode[];
}

/** Parses and type-checks an expression of `i`, `j`, `rand()` and `randn()`; errors point at the column. */
export function parseValueExpression(
  source: string,
  where: Omit<SynapseSpecLocation, 'source' | 'offset'>,
): ValueExpression {
  const fail = (offset: number, detail: string): never => {
    throw new SynapseSpecError({ ...where, source, offset }, detail);
  };
  let expr: Expr;
  try {
    expr = parseExpression(
      source,
      { model: where.synapse ?? 'synapse', field: where.field },
      RANDOM_FUNCTIONS,
    );
    checkNames(expr, fail);
    const type = typeOf(
      expr,
      { symbols: new Map(VALUE_SYMBOLS.map((name) => [name, 'number'])), describe: 'indices' },
      { model: where.synapse ?? 'synapse', field: where.field, source },
    );
    if (type !== 'number') fail(expr.span?.start ?? 0, `expected a number, got a ${type}`);
  } catch (error) {
    if (error instanceof ModelSpecError) return fail((error.column ?? 1) - 1, error.detail);
    throw error;
  }
  const randomCalls: CallNode[] = [];
  collectRandomCalls(expr, randomCalls);
  randomCalls.sort((a, b) => a.span!.start - b.span!.start);
  return { expr, randomCalls };
}

function checkNames(expr: Expr, fail: (offset: number, detail: string) => never): void {
  if (expr.kind === 'identifier' && !(VALUE_SYMBOLS as readonly string[]).includes(expr.name)) {
    fail(
      expr.span?.start ?? 0,
      `unknown name "${shownName(expr.name)}"; a per-synapse value may use i (source index), j (target index), ` +
        'rand() and randn()',
    );
  }
  for (const child of children(expr)) checkNames(child, fail);
}

function collectRandomCalls(expr: Expr, into: CallNode[]): void {
  if (expr.kind === 'call' && Object.hasOwn(RANDOM_FUNCTIONS, expr.fn)) into.push(expr);
  for (const child of children(expr)) collectRandomCalls(child, into);
}
