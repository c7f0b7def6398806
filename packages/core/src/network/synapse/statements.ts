import { ModelSpecError, SynapseSpecError } from '../../errors.js';
import type { Expr, Span } from '../../expr/ast.js';
import { parseExpression } from '../../expr/parser.js';
import { describe as describeValue } from '../../model/validate.js';

/** The assignment operators of an `onPre` statement; `a op= e` means `a = a op (e)`. */
export type AssignmentOperator = '=' | '+=' | '-=' | '*=' | '/=';

/** One `onPre` statement, parsed but not yet checked against a target model. */
export interface ParsedStatement {
  /** The statement's text, trimmed; spans and columns point into it. */
  readonly text: string;
  /** `onPre`, or `onPre statement k` (1-based) where there are several. */
  readonly field: string;
  /** The variable written, as written (`ge` or `ge_post`). */
  readonly name: string;
  readonly nameSpan: Span;
  readonly operator: AssignmentOperator;
  /** The right-hand side. */
  readonly value: Expr;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
const COMPOUND_OPERATORS = ['+=', '-=', '*=', '/='] as const;
const OPERATOR_LIST = '=, +=, -=, *= or /=';

/** The non-empty statements of `onPre`: list items, each split at newlines and `;`, trimmed. */
export function splitStatements(onPre: string | readonly string[], synapse: string | undefined): string[] {
  const items = typeof onPre === 'string' ? [onPre] : Array.isArray(onPre) ? onPre : undefined;
  if (items === undefined) {
    throw new SynapseSpecError(
      { synapse, field: 'onPre' },
      `expected a string of statements or a list of them, got ${describeValue(onPre)}`,
    );
  }
  const statements: string[] = [];
  items.forEach((item, index) => {
    if (typeof item !== 'string') {
      throw new SynapseSpecError(
        { synapse, field: `onPre[${index}]` },
        `expected a statement string, got ${describeValue(item)}`,
      );
    }
    for (const piece of item.split(/[;\n]/)) {
      const text = piece.trim();
      if (text.length > 0) statements.push(text);
    }
  });
  if (statements.length === 0) {
    throw new SynapseSpecError(
      { synapse, field: 'onPre' },
      'has no statements; write what an event does, e.g. "ge += w"',
    );
  }
  return statements;
}

/** Parses `name op expression`; every syntax error points at its column in `text`. */
export function parseStatement(text: string, field: string, synapse: string | undefined): ParsedStatement {
  const fail = (offset: number, detail: string): never => {
    throw new SynapseSpecError({ synapse, field, source: text, offset }, detail);
  };
  const nameMatch = NAME.exec(text);
  if (!nameMatch) {
    return fail(0, `a statement starts with the variable it changes, as in "ge += w"`);
  }
  const name = nameMatch[0];
  let at = name.length;
  while (text[at] === ' ' || text[at] === '\t' || text[at] === '\r') at++;
  const rest = text.slice(at);
  const operator: AssignmentOperator | undefined =
    COMPOUND_OPERATORS.find((op) => rest.startsWith(op)) ??
    (rest.startsWith('=') && !rest.startsWith('==') ? '=' : undefined);
  if (operator === undefined) {
    if (rest.length === 0) return fail(at, `expected an assignment (${OPERATOR_LIST}) after "${name}"`);
    if (rest.startsWith('==')) {
      return fail(at, `"==" compares; a statement assigns with ${OPERATOR_LIST}`);
    }
    const symbol = /^[^\sA-Za-z0-9_().,]+/.exec(rest)?.[0];
    return fail(
      at,
      symbol === undefined
        ? `expected an assignment (${OPERATOR_LIST}) after "${name}"`
        : `"${symbol}" is not an assignment; use ${OPERATOR_LIST}`,
    );
  }
  const valueStart = at + operator.length;
  if (text.slice(valueStart).trim().length === 0) {
    return fail(text.length, `nothing after "${operator}"; write the value, as in "${name} ${operator} w"`);
  }
  // Blanking the left side keeps the expression's spans and the parser's columns relative to the statement.
  const padded = ' '.repeat(valueStart) + text.slice(valueStart);
  let value: Expr;
  try {
    value = parseExpression(padded, { model: synapse ?? 'synapse', field });
  } catch (error) {
    if (error instanceof ModelSpecError) return fail((error.column ?? 1) - 1, error.detail);
    throw error;
  }
  return { text, field, name, nameSpan: { start: 0, end: name.length }, operator, value };
}
