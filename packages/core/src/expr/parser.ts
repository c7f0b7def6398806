import { ModelSpecError, type SpecLocation } from '../errors.js';
import type { BinaryOp, Expr } from './ast.js';
import { type FunctionInfo, functionInfo, USER_FUNCTIONS } from './functions.js';
import { type Token, tokenize } from './lexer.js';
import { depthLimitDetail, ExpressionLimitError, MAX_EXPRESSION_DEPTH } from './limits.js';

/**
 * Parses one expression string into an AST.
 *
 * Precedence, loosest first: `or`, `and`, `not`, comparisons (non-associative), `+ -`, `* /`,
 * unary minus, `^` (right-associative, so `-x^2` is `-(x^2)` and `2^-1` is `2^(-1)`).
 * Nesting deeper than `MAX_EXPRESSION_DEPTH` is an `ExpressionLimitError`, raised before the parser's own
 * recursion gets anywhere near the stack's end.
 * `extraFunctions` are callable here besides the user functions of FUNCTIONS (per-synapse value expressions
 * add `rand()` and `randn()`; neuron models do not).
 */
export function parseExpression(
  source: string,
  where: Omit<SpecLocation, 'source' | 'offset'>,
  extraFunctions: Readonly<Record<string, FunctionInfo>> = {},
): Expr {
  return new Parser(source, where, extraFunctions).parseAll();
}

const COMPARISONS = new Set(['<', '<=', '>', '>=', '==', '!=']);

class Parser {
  private readonly tokens: Token[];
  private index = 0;
  /** Nesting depth of each node built so far (a term alone is 0); parentheses count as a level. */
  private readonly depths = new WeakMap<Expr, number>();
  /** How many recursive descents enclose the token being parsed; each adds at least one level. */
  private nesting = 0;

  constructor(
    private readonly source: string,
    private readonly where: Omit<SpecLocation, 'source' | 'offset'>,
    private readonly extraFunctions: Readonly<Record<string, FunctionInfo>>,
  ) {
    this.tokens = tokenize(source, where);
  }

  /** The function a call may name here, or undefined (internal functions are not callable). */
  private callable(name: string): FunctionInfo | undefined {
    const info = Object.hasOwn(this.extraFunctions, name) ? this.extraFunctions[name] : functionInfo(name);
    return info && !info.internal ? info : undefined;
  }

  parseAll(): Expr {
    if (this.peek().kind === 'end') throw this.error(this.peek(), 'empty expression');
    const expr = this.parseOr();
    const next = this.peek();
    if (next.kind !== 'end') throw this.unexpected(next);
    return expr;
  }

  private parseOr(): Expr {
    let left = this.parseAnd();
    while (this.isWord('or')) {
      const token = this.advance();
      left = this.binaryNode('or', left, this.parseAnd(), token);
    }
    return left;
  }

  private parseAnd(): Expr {
    let left = this.parseNot();
    while (this.isWord('and')) {
      const token = this.advance();
      left = this.binaryNode('and', left, this.parseNot(), token);
    }
    return left;
  }

  private parseNot(): Expr {
    if (this.isWord('not')) {
      const token = this.advance();
      const operand = this.nested(token, () => this.parseNot());
      return this.measured(
        { kind: 'unary', op: 'not', operand, span: { start: token.start, end: operand.span!.end } },
        [operand],
        token,
      );
    }
    return this.parseComparison();
  }

  private parseComparison(): Expr {
    const left = this.parseAdditive();
    const token = this.peek();
    if (token.kind !== 'operator' || !COMPARISONS.has(token.text)) return left;
    this.advance();
    const right = this.parseAdditive();
    const after = this.peek();
    if (after.kind === 'operator' && COMPARISONS.has(after.text)) {
      throw this.error(after, `comparisons do not chain; write "a < b and b < c" instead of "a < b < c"`);
    }
    return this.binaryNode(token.text as BinaryOp, left, right, token);
  }

  private parseAdditive(): Expr {
    let left = this.parseMultiplicative();
    for (;;) {
      const token = this.peek();
      if (token.kind !== 'operator' || (token.text !== '+' && token.text !== '-')) return left;
      this.advance();
      left = this.binaryNode(token.text, left, this.parseMultiplicative(), token);
    }
  }

  private parseMultiplicative(): Expr {
    let left = this.parseUnary();
    for (;;) {
      const token = this.peek();
      if (token.kind !== 'operator' || (token.text !== '*' && token.text !== '/')) return left;
      this.advance();
      left = this.binaryNode(token.text, left, this.parseUnary(), token);
    }
  }

  private parseUnary(): Expr {
    const token = this.peek();
    if (token.kind === 'operator' && (token.text === '-' || token.text === '+')) {
      this.advance();
      const operand = this.nested(token, () => this.parseUnary());
      if (token.text === '+') return this.measured(operand, [operand], token);
      return this.measured(
        { kind: 'unary', op: '-', operand, span: { start: token.start, end: operand.span!.end } },
        [operand],
        token,
      );
    }
    return this.parsePower();
  }

  private parsePower(): Expr {
    const base = this.parsePrimary();
    const token = this.peek();
    if (token.kind === 'operator' && token.text === '^') {
      this.advance();
      return this.binaryNode(
        '^',
        base,
        this.nested(token, () => this.parseUnary()),
        token,
      );
    }
    return base;
  }

  private parsePrimary(): Expr {
    const token = this.advance();
    const span = { start: token.start, end: token.end };
    if (token.kind === 'number') return { kind: 'number', value: token.value!, span };
    if (token.kind === '(') {
      const inner = this.nested(token, () => this.parseOr());
      const close = this.advance();
      if (close.kind !== ')') {
        throw close.kind === 'end'
          ? this.error(close, `missing ")" to close "(" at column ${token.start + 1}`)
          : this.unexpected(close);
      }
      return this.measured({ ...inner, span: { start: token.start, end: close.end } }, [inner], token);
    }
    if (token.kind === 'identifier') {
      if (token.text === 'true' || token.text === 'false')
        return { kind: 'boolean', value: token.text === 'true', span };
      if (token.text === 'and' || token.text === 'or' || token.text === 'not') throw this.unexpected(token);
      if (this.peek().kind === '(') return this.parseCall(token);
      const info = this.callable(token.text);
      if (info) {
        const example = info.arity === 0 ? `${token.text}()` : `${token.text}(x)`;
        throw this.error(
          this.peek(),
          info.arity === 0
            ? `function "${token.text}" needs its parentheses, e.g. ${example}`
            : `function "${token.text}" needs its arguments in parentheses, e.g. ${example}`,
        );
      }
      return { kind: 'identifier', name: token.text, span };
    }
    throw this.unexpected(token);
  }

  private parseCall(name: Token): Expr {
    const info = this.callable(name.text);
    if (!info) {
      const available = [...USER_FUNCTIONS, ...Object.keys(this.extraFunctions)].join(', ');
      throw this.error(name, `unknown function "${name.text}" (available: ${available})`);
    }
    this.advance(); // (
    const args: Expr[] = [];
    if (this.peek().kind !== ')') {
      for (;;) {
        args.push(this.nested(name, () => this.parseOr()));
        if (this.peek().kind !== ',') break;
        this.advance();
      }
    }
    const close = this.advance();
    if (close.kind !== ')')
      throw close.kind === 'end'
        ? this.error(close, `missing ")" to close ${name.text}(`)
        : this.unexpected(close);
    if (args.length !== info.arity) {
      const plural = info.arity === 1 ? 'argument' : 'arguments';
      const count = info.arity === 0 ? 'no' : String(info.arity);
      throw this.error(name, `${name.text}() takes ${count} ${plural}, got ${args.length}`);
    }
    return this.measured(
      { kind: 'call', fn: name.text, args, span: { start: name.start, end: close.end } },
      args,
      name,
    );
  }

  private binaryNode(op: BinaryOp, left: Expr, right: Expr, token: Token): Expr {
    const span = { start: left.span!.start, end: right.span!.end };
    return this.measured({ kind: 'binary', op, left, right, span }, [left, right], token);
  }

  /** Parses one level further in, refusing to descend past the depth limit. */
  private nested(token: Token, parse: () => Expr): Expr {
    if (++this.nesting > MAX_EXPRESSION_DEPTH) throw this.tooDeep(token);
    try {
      return parse();
    } finally {
      this.nesting--;
    }
  }

  /** Records `node`'s depth, one more than its deepest part, refusing a node past the depth limit. */
  private measured(node: Expr, parts: readonly Expr[], token: Token): Expr {
    let depth = 0;
    for (const part of parts) depth = Math.max(depth, this.depthOf(part) + 1);
    if (depth > MAX_EXPRESSION_DEPTH) throw this.tooDeep(token);
    this.depths.set(node, depth);
    return node;
  }

  private depthOf(node: Expr): number {
    return this.depths.get(node) ?? 0;
  }

  private tooDeep(token: Token): ExpressionLimitError {
    return new ExpressionLimitError(
      { ...this.where, source: this.source, offset: token.start },
      depthLimitDetail('nests'),
      MAX_EXPRESSION_DEPTH,
    );
  }

  private isWord(word: string): boolean {
    const token = this.peek();
    return token.kind === 'identifier' && token.text === word;
  }

  private peek(): Token {
    return this.tokens[this.index]!;
  }

  private advance(): Token {
    const token = this.tokens[this.index]!;
    if (token.kind !== 'end') this.index++;
    return token;
  }

  private unexpected(token: Token): ModelSpecError {
    return this.error(
      token,
      token.kind === 'end' ? 'unexpected end of expression' : `unexpected "${token.text}"`,
    );
  }

  private error(token: Token, detail: string): ModelSpecError {
    return new ModelSpecError({ ...this.where, source: this.source, offset: token.start }, detail);
  }
}
