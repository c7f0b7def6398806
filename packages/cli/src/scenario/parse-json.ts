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

/**
 * JSON.parse's message with the line and column (1-based) of the mistake, since a position alone is hard
 * to find in an editor. Node reports a position ("at position 14") or, at the end, none.
 */
export function describeJsonError(text: string, error: unknown): string {
  const message = (error as Error).message;
  if (/\bline \d+/.test(message)) return message;
  const match = / at position (\d+)/.exec(message);
  const position = match ? Number(match[1]) : text.length;
  const before = text.slice(0, position).split('\n');
  const where = `line ${before.length}, column ${before.at(-1)!.length + 1}`;
  return match
    ? `${message.replace(match[0], '')} at ${where} (position ${position})`
    : `${message} (at ${where}, the end of the file)`;
}
