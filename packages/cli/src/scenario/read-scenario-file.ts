import { readFile } from 'node:fs/promises';
import { FileError, ScenarioError } from '../errors.js';
import { describeJsonError, readJsonFile } from '../read-json-file.js';
import { applyOverrides, type ScenarioOverrides } from './apply-overrides.js';
import { describeValue } from './check.js';
import { resolveModel } from './models.js';
import { parseScenario } from './parse-scenario.js';
import type { Scenario } from './scenario.js';

/**
 * Reads and validates a scenario file; `shownAs` is how messages name it (the path the user typed).
 * `overrides` (the command-line flags) apply before the check, so the scenario is checked as it will run.
 */
export async function readScenarioFile(
  path: string,
  shownAs = path,
  overrides: ScenarioOverrides = {},
): Promise<Scenario> {
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
    throw new ScenarioError('scenario', `not valid JSON: ${describeJsonError(text, error)}`, shownAs);
  }
  const isObject = typeof json === 'object' && json !== null && !Array.isArray(json);
  try {
    return parseScenario(isObject ? applyOverrides(json as Record<string, unknown>, overrides) : json);
  } catch (error) {
    if (error instanceof ScenarioError) throw new ScenarioError(error.path, error.detail, shownAs);
    throw error;
  }
}

/**
 * Reads a model spec file (`--model`) and checks it with core's `validateModel`. An unreadable file or
 * invalid JSON is a `FileError`; an invalid spec a `ScenarioError` naming the file, with core's message.
 */
export async function readModelFile(path: string, shownAs = path): Promise<Scenario['model']> {
  const json = await readJsonFile(path, shownAs, 'model file');
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new ScenarioError('model', `expected a model spec object, got ${describeValue(json)}`, shownAs);
  try {
    resolveModel(json, 'model');
  } catch (error) {
    if (error instanceof ScenarioError) throw new ScenarioError(error.path, error.detail, shownAs);
    throw error;
  }
  return json as Scenario['model'];
}
