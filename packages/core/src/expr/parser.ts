import { ModelSpecError, type SpecLocation } from '../errors.js';
import type { BinaryOp, Expr } from './ast.js';
import { FUNCTIONS, USER_FUNCTIONS } from './functions.js';
import { type Token, tokenize } from './lexer.js';

/**
 * Parses one expression string into an AST.
 *
 * Precedence, loosest first: `or`, `and`, `not`, comparisons (non-associative), `+ -`, `* /`,
 * unary minus, `^` (right-associative, so `-x^2` is `-(x^2)` and `2^-1` is `2^(-1)`).
 */
export function parseExpression(source: string, where: Omit<SpecLocation, 'source' | 'offset'>): Expr {
  return new Parser(source, where).parseAll();
}

const COMPARISONS = new Set(['<', '<=', '>', '>=', '==', '!=']);

class Parser {
  private readonly tokens: Token[];
  private index = 0;

  constructor(
    private readonly source: string,
    private readonly where: Omit<SpecLocation, 'source' | 'offset'>,
  ) {
    this.tokens = tokenize(source, where);
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
      this.advance();
      left = this.binaryNode('or', left, this.parseAnd());
    }
    return left;
  }

  private parseAnd(): Expr {
    let left = this.parseNot();
    while (this.isWord('and')) {
      this.advance();
      left = this.binaryNode('and', left, this.parseNot());
    }
    return left;
  }

  private parseNot(): Expr {
    if (this.isWord('not')) {
      const token = this.advance();
      const operand = this.parseNot();
      return { kind: 'unary', op: 'not', operand, span: { start: token.start, end: operand.span!.end } };
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
    return this.binaryNode(token.text as BinaryOp, left, right);
  }

  private parseAdditive(): Expr {
    let left = this.parseMultiplicative();
    for (;;) {
      const token = this.peek();
      if (token.kind !== 'operator' || (token.text !== '+' && token.text !== '-')) return left;
      this.advance();
      left = this.binaryNode(token.text, left, this.parseMultiplicative());
    }
  }

  private parseMultiplicative(): Expr {
    let left = this.parseUnary();
    for (;;) {
      const token = this.peek();
      if (token.kind !== 'operator' || (token.text !== '*' && token.text !== '/')) return left;
      this.advance();
      left = this.binaryNode(token.text, left, this.parseUnary());
    }
  }

  private parseUnary(): Expr {
    const token = this.peek();
    if (token.kind === 'operator' && (token.text === '-' || token.text === '+')) {
      this.advance();
      const operand = this.parseUnary();
      if (token.text === '+') return operand;
      return { kind: 'unary', op: '-', operand, span: { start: token.start, end: operand.span!.end } };
    }
    return this.parsePower();
  }

  private parsePower(): Expr {
    const base = this.parsePrimary();
    const token = this.peek();
    if (token.kind === 'operator' && token.text === '^') {
      this.advance();
      return this.binaryNode('^', base, this.parseUnary());
    }
    return base;
  }

  private parsePrimary(): Expr {
    const token = this.advance();
    const span = { start: token.start, end: token.end };
    if (token.kind === 'number') return { kind: 'number', value: token.value!, span };
    if (token.kind === '(') {
      const inner = this.parseOr();
      const close = this.advance();
      if (close.kind !== ')') {
        throw close.kind === 'end'
          ? this.error(close, `missing ")" to close "(" at column ${token.start + 1}`)
          : this.unexpected(close);
      }
      return { ...inner, span: { start: token.start, end: close.end } };
    }
    if (token.kind === 'identifier') {
      if (token.text === 'true' || token.text === 'false')
        return { kind: 'boolean', value: token.text === 'true', span };
      if (token.text === 'and' || token.text === 'or' || token.text === 'not') throw this.unexpected(token);
      if (this.peek().kind === '(') return this.parseCall(token);
      if (Object.hasOwn(FUNCTIONS, token.text) && !FUNCTIONS[token.text]!.internal) {
        throw this.error(
          this.peek(),
          `function "${token.text}" needs its arguments in parentheses, e.g. ${token.text}(x)`,
        );
      }
      return { kind: 'identifier', name: token.text, span };
    }
    throw this.unexpected(token);
  }

  private parseCall(name: Token): Expr {
    const info = Object.hasOwn(FUNCTIONS, name.text) ? FUNCTIONS[name.text] : undefined;
    if (!info || info.internal) {
      throw this.error(name, `unknown function "${name.text}" (available: ${USER_FUNCTIONS.join(', ')})`);
    }
    this.advance(); // (
    const args: Expr[] = [];
    if (this.peek().kind !== ')') {
      for (;;) {
        args.push(this.parseOr());
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
      throw this.error(name, `${name.text}() takes ${info.arity} ${plural}, got ${args.length}`);
    }
    return { kind: 'call', fn: name.text, args, span: { start: name.start, end: close.end } };
  }

  private binaryNode(op: BinaryOp, left: Expr, right: Expr): Expr {
    return { kind: 'binary', op, left, right, span: { start: left.span!.start, end: right.span!.end } };
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
