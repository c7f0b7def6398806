import { ModelSpecError, type SpecLocation } from '../errors.js';

export type TokenKind = 'number' | 'identifier' | 'operator' | '(' | ')' | ',' | 'end';

export interface Token {
  kind: TokenKind;
  text: string;
  /** 0-based offset of the token's first character. */
  start: number;
  end: number;
  value?: number;
}

const OPERATORS = ['<=', '>=', '==', '!=', '+', '-', '*', '/', '^', '<', '>'];
const NUMBER = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*/;

/** Splits an expression string into tokens; an unknown character is a spec error pointing at it. */
export function tokenize(source: string, where: Omit<SpecLocation, 'source' | 'offset'>): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i]!;
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      i++;
      continue;
    }
    const rest = source.slice(i);
    const numberMatch = NUMBER.exec(rest);
    if (numberMatch) {
      const text = numberMatch[0];
      if (IDENTIFIER.test(source.slice(i + text.length, i + text.length + 1))) {
        throw new ModelSpecError(
          { ...where, source, offset: i + text.length },
          `unexpected "${source[i + text.length]}" after the number ${text}`,
        );
      }
      tokens.push({ kind: 'number', text, start: i, end: i + text.length, value: Number(text) });
      i += text.length;
      continue;
    }
    const identifierMatch = IDENTIFIER.exec(rest);
    if (identifierMatch) {
      const text = identifierMatch[0];
      tokens.push({ kind: 'identifier', text, start: i, end: i + text.length });
      i += text.length;
      continue;
    }
    const op = OPERATORS.find((candidate) => rest.startsWith(candidate));
    if (op) {
      tokens.push({ kind: 'operator', text: op, start: i, end: i + op.length });
      i += op.length;
      continue;
    }
    if (ch === '(' || ch === ')' || ch === ',') {
      tokens.push({ kind: ch, text: ch, start: i, end: i + 1 });
      i++;
      continue;
    }
    const hint = ch === '=' ? ' (use "==" to compare; assignments are not expressions)' : '';
    throw new ModelSpecError({ ...where, source, offset: i }, `unexpected character "${ch}"${hint}`);
  }
  tokens.push({ kind: 'end', text: '', start: source.length, end: source.length });
  return tokens;
}
