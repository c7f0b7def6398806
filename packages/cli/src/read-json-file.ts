import { readFile } from 'node:fs/promises';
import { FileError } from './errors.js';

/** Reads and parses a JSON file; messages name it as the user typed it. */
export async function readJsonFile(path: string, shownAs: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new FileError(`cannot read ${what} "${shownAs}" (${path}): ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new FileError(`${what} "${shownAs}" is not valid JSON: ${(error as Error).message}`);
  }
}
