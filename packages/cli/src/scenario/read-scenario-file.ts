import { readFile } from 'node:fs/promises';
import { FileError, ScenarioError } from '../errors.js';
import { parseScenario } from './parse-scenario.js';
import type { Scenario } from './scenario.js';

/** Reads and validates a scenario file; `shownAs` is how messages name it (the path the user typed). */
export async function readScenarioFile(path: string, shownAs = path): Promise<Scenario> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new FileError(`cannot read scenario file "${shownAs}" (${path}): ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ScenarioError('scenario', `not valid JSON: ${(error as Error).message}`, shownAs);
  }
  try {
    return parseScenario(json);
  } catch (error) {
    if (error instanceof ScenarioError) throw new ScenarioError(error.path, error.detail, shownAs);
    throw error;
  }
}
