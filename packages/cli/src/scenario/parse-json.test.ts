import { describe, expect, test } from 'vitest';
import { parseJson } from './parse-json.js';

function messageOf(text: string): string {
  try {
    parseJson(text);
  } catch (error) {
    expect(error).toBeInstanceOf(SyntaxError);
    return (error as Error).message;
  }
  throw new Error('expected parseJson to throw');
}

describe('parseJson', () => {
  test('parses valid JSON as JSON.parse does', () => {
    expect(parseJson('{"n": [1, 2e3, null]}')).toEqual({ n: [1, 2000, null] });
  });

  test('a syntax error names the line and column where it is', () => {
    const text = '{\n  "model": "elif",\n  "n" 4\n}';
    // Line 3 is `  "n" 4`: the 4 is at column 7.
    expect(messageOf(text)).toMatch(/ at line 3, column 7 \(position 27\)$/);
    expect(messageOf('{"a": 1,\n}')).toMatch(/ at line 2, column 1 \(position 9\)$/);
  });

  test('an unexpected end points past the last character', () => {
    expect(messageOf('{"name": ')).toBe(
      'Unexpected end of JSON input (at line 1, column 10, the end of the file)',
    );
    expect(messageOf('[1,\n2')).toMatch(/ at line 2, column 2 \(position 5\)$/);
  });
});
