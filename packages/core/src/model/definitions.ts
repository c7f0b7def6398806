import { ModelSpecError, type SpecLocation } from '../errors.js';
import { type Expr, identifiersOf, substitute } from '../expr/ast.js';
import { checkExpressionLimits } from '../expr/limits.js';
import { parseExpression } from '../expr/parser.js';
import { type Scope, typeOf, type ValueType } from './typecheck.js';

export interface Definition {
  /**
   * Fully expanded: no other definition's name left in it. Each use shares the used definition's nodes
   * (a DAG), so memory stays linear; the expanded size is still limited, as code generation expands it.
   */
  expr: Expr;
  type: ValueType;
}

/**
 * Parses named sub-expressions (Brian2-style `I_syn = g*(E - v)`), orders them so each comes after the
 * definitions it reads, rejects cycles, type-checks them and expands each into the ones that use it.
 * A definition that expands past `MAX_EXPANDED_SIZE` or `MAX_EXPRESSION_DEPTH` is an `ExpressionLimitError`.
 */
export function parseDefinitions(
  sources: Readonly<Record<string, string>> | undefined,
  model: string,
  scope: Scope,
  checkName: (name: string, field: string) => void,
): Map<string, Definition> {
  if (sources === undefined) return new Map();
  if (typeof sources !== 'object' || sources === null || Array.isArray(sources)) {
    throw new ModelSpecError({ model, field: 'definitions' }, 'expected an object of named expressions');
  }
  const parsed = new Map<string, { source: string; expr: Expr }>();
  for (const [name, source] of Object.entries(sources)) {
    const field = `definition of ${name}`;
    checkName(name, field);
    if (typeof source !== 'string')
      throw new ModelSpecError({ model, field }, `expected an expression string, got ${typeof source}`);
    parsed.set(name, { source, expr: parseExpression(source, { model, field }) });
  }

  const order: string[] = [];
  const visiting: string[] = [];
  const visit = (name: string): void => {
    if (order.includes(name)) return;
    if (visiting.includes(name)) {
      const cycle = [...visiting.slice(visiting.indexOf(name)), name].join(' → ');
      throw new ModelSpecError({ model, field: `definition of ${name}` }, `cyclic definitions: ${cycle}`);
    }
    visiting.push(name);
    for (const used of identifiersOf(parsed.get(name)!.expr)) if (parsed.has(used)) visit(used);
    visiting.pop();
    order.push(name);
  };
  for (const name of parsed.keys()) visit(name);

  const definitions = new Map<string, Definition>();
  for (const name of order) {
    const { source, expr } = parsed.get(name)!;
    const symbols = new Map(scope.symbols);
    for (const [known, definition] of definitions) symbols.set(known, definition.type);
    const type = typeOf(
      expr,
      { symbols, describe: scope.describe },
      { model, field: `definition of ${name}`, source },
    );
    const field = `definition of ${name}`;
    definitions.set(name, { expr: expandDefinitions(expr, definitions, { model, field, source }), type });
  }
  // Expressions elsewhere see definitions by name with their types.
  for (const [name, definition] of definitions)
    (scope.symbols as Map<string, ValueType>).set(name, definition.type);
  return definitions;
}

/**
 * Replaces every definition's name with its (expanded) expression. Given `where`, the result is checked
 * against the expression limits, so an exponential expansion stops here rather than in code generation.
 */
export function expandDefinitions(
  expr: Expr,
  definitions: ReadonlyMap<string, Definition>,
  where?: SpecLocation,
): Expr {
  if (definitions.size === 0) return expr;
  const expanded = substitute(expr, (name) => definitions.get(name)?.expr);
  if (where) checkExpressionLimits(expanded, where);
  return expanded;
}
