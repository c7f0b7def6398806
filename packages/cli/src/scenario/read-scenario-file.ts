import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { FileError, ScenarioError } from '../errors.js';
import { applyOverrides, type ScenarioOverrides } from './apply-overrides.js';
import { describeValue } from './check.js';
import { MODEL_NAMES, resolveModel, type ScenarioModel } from './models.js';
import { parseJson } from './parse-json.js';
import { type LoadedScenario, loadScenario } from './parse-scenario.js';

/**
 * Reads and validates a scenario file; `shownAs` is how messages name it (the path the user typed).
 * `overrides` (the command-line flags) apply before the check, so the scenario is checked as it will run.
 * `model`, where given (a `--model` file, already resolved), replaces the scenario's model.
 */
export async function readScenarioFile(
  path: string,
  shownAs = path,
  overrides: ScenarioOverrides = {},
  model?: ScenarioModel,
): Promise<LoadedScenario> {
  return loadScenarioJson(await readScenarioJson(path, shownAs), shownAs, overrides, model);
}

/** A scenario file's JSON, not yet checked; invalid JSON is a ScenarioError with its line and column. */
export async function readScenarioJson(path: string, shownAs = path): Promise<unknown> {
  const text = await readText(path, shownAs, 'scenario file');
  try {
    return parseJson(text);
  } catch (error) {
    throw new ScenarioError('scenario', `not valid JSON: ${(error as Error).message}`, shownAs);
  }
}

/** `readScenarioFile` for a scenario file's JSON already read. */
export function loadScenarioJson(
  json: unknown,
  shownAs: string,
  overrides: ScenarioOverrides = {},
  model?: ScenarioModel,
): LoadedScenario {
  const isObject = typeof json === 'object' && json !== null && !Array.isArray(json);
  if (model !== undefined) overrides = { ...overrides, model: model.library ? model.name : model.spec };
  try {
    return loadScenario(
      isObject ? applyOverrides(json as Record<string, unknown>, overrides) : json,
      'scenario',
      model,
    );
  } catch (error) {
    if (error instanceof ScenarioError) throw new ScenarioError(error.path, error.detail, shownAs);
    throw error;
  }
}

/** The model a `--model` argument names: a model library name (`adex`), or else a model spec file. */
export function readModelArgument(argument: string, cwd: string): Promise<ScenarioModel> {
  if (MODEL_NAMES.includes(argument)) return Promise.resolve(resolveModel(argument, 'model'));
  return readModelFile(resolve(cwd, argument), argument);
}

/**
 * Reads a model spec file and checks it with core's `validateModel`. An unreadable file or invalid JSON is a
 * `FileError`; an invalid spec a `ScenarioError` naming the file, with core's message.
 */
export async function readModelFile(path: string, shownAs = path): Promise<ScenarioModel> {
  const text = await readText(path, shownAs, 'model file');
  let json: unknown;
  try {
    json = parseJson(text);
  } catch (error) {
    throw new FileError(`model file "${shownAs}" is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new ScenarioError('model', `expected a model spec object, got ${describeValue(json)}`, shownAs);
  try {
    return resolveModel(json, 'model');
  } catch (error) {
    if (error instanceof ScenarioError) throw new ScenarioError(error.path, error.detail, shownAs);
    throw error;
  }
}

async function readText(path: string, shownAs: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new FileError(`cannot read ${what} "${shownAs}" (${path}): ${(error as Error).message}`);
  }
}
