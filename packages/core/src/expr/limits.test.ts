import { describe, expect, test } from 'vitest';
import { ModelSpecError, SynapticFlowError } from '../errors.js';
import type { ModelSpec } from '../model/spec.js';
import { validateModel } from '../model/validate.js';
import { WHERE } from '../testing/helpers.js';
import { ExpressionLimitError, MAX_EXPANDED_SIZE, MAX_EXPRESSION_DEPTH } from './limits.js';
import { parseExpression } from './parser.js';

const parse = (source: string) => parseExpression(source, WHERE);

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

const LIF: ModelSpec = {
  name: 'lif',
  parameters: { tau: { default: 10 } },
  state: { v: { initial: 0 } },
  equations: { v: '-v / tau' },
};

/** `x + x + ... + x` with `terms` terms: a left-leaning tree `terms - 1` operators deep. */
const sum = (terms: number) => Array.from({ length: terms }, () => 'v').join(' + ');

describe('expression depth limit', () => {
  test('1,000 nested parentheses are a named error pointing into the source, not a stack overflow', () => {
    const source = `${'('.repeat(1000)}v${')'.repeat(1000)}`;
    const error = thrown(() => parse(source));
    expect(error).toBeInstanceOf(ExpressionLimitError);
    expect(error).toBeInstanceOf(ModelSpecError);
    expect((error as ExpressionLimitError).code).toBe('EXPRESSION_LIMIT');
    expect((error as ExpressionLimitError).limit).toBe(MAX_EXPRESSION_DEPTH);
    expect((error as ExpressionLimitError).column).toBeLessThanOrEqual(MAX_EXPRESSION_DEPTH + 2);
  });

  test('a 745-term sum fails validation with the depth limit, before any code generation', () => {
    const error = thrown(() => validateModel({ ...LIF, equations: { v: sum(745) } }));
    expect(error).toBeInstanceOf(ExpressionLimitError);
    expect((error as Error).message).toContain(`deeper than ${MAX_EXPRESSION_DEPTH} levels`);
  });

  test('nesting up to the limit parses; one level more does not', () => {
    expect(() => parse(sum(MAX_EXPRESSION_DEPTH))).not.toThrow();
    expect(thrown(() => parse(sum(MAX_EXPRESSION_DEPTH + 2)))).toBeInstanceOf(ExpressionLimitError);
    const parens = (levels: number) => `${'('.repeat(levels)}v${')'.repeat(levels)}`;
    expect(() => parse(parens(MAX_EXPRESSION_DEPTH))).not.toThrow();
    expect(thrown(() => parse(parens(MAX_EXPRESSION_DEPTH + 1)))).toBeInstanceOf(ExpressionLimitError);
    const negations = (levels: number) => `${'-'.repeat(levels)}v`;
    expect(() => parse(negations(MAX_EXPRESSION_DEPTH))).not.toThrow();
    expect(thrown(() => parse(negations(MAX_EXPRESSION_DEPTH + 1)))).toBeInstanceOf(ExpressionLimitError);
    const calls = (levels: number) => `${'exp('.repeat(levels)}v${')'.repeat(levels)}`;
    expect(thrown(() => parse(calls(MAX_EXPRESSION_DEPTH + 1)))).toBeInstanceOf(ExpressionLimitError);
    const powers = (levels: number) => Array.from({ length: levels }, () => 'v').join(' ^ ');
    expect(thrown(() => parse(powers(MAX_EXPRESSION_DEPTH + 2)))).toBeInstanceOf(ExpressionLimitError);
    const nots = (levels: number) => `${'not '.repeat(levels)}true`;
    expect(thrown(() => parse(nots(MAX_EXPRESSION_DEPTH + 1)))).toBeInstanceOf(ExpressionLimitError);
  });

  test('definitions that nest deeper than the limit once expanded are a named error', () => {
    const half = sum(MAX_EXPRESSION_DEPTH / 2 + 8);
    const error = thrown(() =>
      validateModel({
        ...LIF,
        definitions: { a: half, b: `a + ${half}` },
        equations: { v: 'c' },
      }),
    );
    expect(error).toBeInstanceOf(ExpressionLimitError);
    expect((error as ModelSpecError).field).toBe('definition of b');
  });
});

describe('expanded size limit', () => {
  test('definitions doubling per level are a named error at validation, not an out-of-memory', () => {
    const definitions: Record<string, string> = { d0: 'v' };
    for (let k = 1; k <= 40; k++) definitions[`d${k}`] = `d${k - 1} + d${k - 1}`;
    const error = thrown(() => validateModel({ ...LIF, definitions, equations: { v: 'd40' } }));
    expect(error).toBeInstanceOf(ExpressionLimitError);
    expect((error as ExpressionLimitError).limit).toBe(MAX_EXPANDED_SIZE);
    expect((error as Error).message).toContain(`more than ${MAX_EXPANDED_SIZE} terms`);
  });

  test('a definition used by many expressions stays within the limit as long as each one does', () => {
    const definitions: Record<string, string> = { d0: 'v' };
    for (let k = 1; k <= 8; k++) definitions[`d${k}`] = `d${k - 1} + d${k - 1}`;
    const model = validateModel({ ...LIF, definitions, equations: { v: 'd8 - v / tau' } });
    expect(model.equations[0]!.expr.kind).toBe('binary');
  });

  test('every error raised is one of the named errors', () => {
    const definitions: Record<string, string> = { d0: 'v' };
    for (let k = 1; k <= 60; k++) definitions[`d${k}`] = `d${k - 1} * d${k - 1}`;
    expect(thrown(() => validateModel({ ...LIF, definitions, equations: { v: 'd60' } }))).toBeInstanceOf(
      SynapticFlowError,
    );
  });
});
