/**
 * `JSON.parse`, whose syntax errors also give the line and column (1-based), since an editor shows those
 * and not a character offset: "Expected ',' or '}' after property value at line 3, column 5 (position 20)".
 */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new SyntaxError(withLineAndColumn((error as Error).message, text));
  }
}

function withLineAndColumn(message: string, text: string): string {
  const match = /^(.*?)(?: in JSON)? at position (\d+)(?: \(line \d+ column \d+\))?$/.exec(message);
  // An unexpected end names no position: it is the end of the text.
  const position = match ? Number(match[2]) : /end of JSON input/.test(message) ? text.length : null;
  if (position === null) return message;
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  const column = position - (before.lastIndexOf('\n') + 1) + 1;
  return `${match ? match[1] : message} at line ${line}, column ${column} (position ${position})`;
}
