import { describeJsonError } from '../read-json-file.js';

/**
 * `JSON.parse`, whose syntax errors also give the line and column (1-based), since an editor shows those
 * and not a character offset.
 */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new SyntaxError(describeJsonError(text, error));
  }
}
