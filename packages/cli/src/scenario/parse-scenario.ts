import { DTYPES, FEATURE_PARAMETERS } from '@synapticflow/core';
import { ScenarioError } from '../errors.js';
import {
  checkBoolean,
  checkObject,
  checkOneOf,
  checkPositiveInteger,
  checkPositiveNumber,
  fail,
} from './check.js';
import { resolveModel, type ScenarioModel } from './models.js';
import { parseInit } from './parse-init.js';
import { parseInput } from './parse-input.js';
import { parseParameter, parseParameters } from './parse-parameters.js';
import { INTEGRATOR_NAMES, type RecordedVariable, type Scenario } from './scenario.js';

const SCENARIO_FIELDS = {
  required: ['model', 'n', 'steps'],
  optional: [
    'batchSize',
    'dt',
    'dtype',
    'integrator',
    'refractory',
    'sumInput',
    'params',
    'init',
    'traces',
    'input',
    'record',
  ],
} as const;

/** A checked scenario and its model, resolved and validated once for the whole run. */
export interface LoadedScenario {
  scenario: Scenario;
  model: ScenarioModel;
}

/**
 * Checks a parsed scenario file field by field and returns it in its JSON shape. Errors name the field path,
 * e.g. `scenario.input.constant[1][3]: expected a finite number, got "x"`.
 */
export function parseScenario(value: unknown, path = 'scenario'): Scenario {
  return loadScenario(value, path).scenario;
}

/**
 * `parseScenario`, also returning the resolved model so that nothing validates it again. `model`, where
 * given, is `scenario.model` already resolved (e.g. a `--model` file).
 */
export function loadScenario(value: unknown, path = 'scenario', model?: ScenarioModel): LoadedScenario {
  const raw = checkObject(value, path, SCENARIO_FIELDS);
  model ??= resolveModel(raw.model, `${path}.model`);
  const n = checkPositiveInteger(raw.n, `${path}.n`);
  const batchSize =
    raw.batchSize === undefined ? 1 : checkPositiveInteger(raw.batchSize, `${path}.batchSize`);
  const steps = checkPositiveInteger(raw.steps, `${path}.steps`);

  // Built field by field, in a fixed order, so traces carry a tidy copy without unknown extras.
  // A library name stays a name; an inline spec is kept as written, so a trace can rebuild the model.
  const scenario = { model: raw.model, n } as Scenario;
  if (raw.batchSize !== undefined) scenario.batchSize = batchSize;
  if (raw.dt !== undefined) scenario.dt = checkPositiveNumber(raw.dt, `${path}.dt`);
  scenario.steps = steps;
  if (raw.dtype !== undefined) scenario.dtype = checkOneOf(raw.dtype, `${path}.dtype`, DTYPES);
  if (raw.integrator !== undefined)
    scenario.integrator = checkOneOf(raw.integrator, `${path}.integrator`, INTEGRATOR_NAMES);
  if (raw.refractory !== undefined)
    scenario.refractory = checkOneOf(raw.refractory, `${path}.refractory`, REFRACTORY);
  if (raw.sumInput !== undefined) scenario.sumInput = checkBoolean(raw.sumInput, `${path}.sumInput`);
  if (raw.params !== undefined)
    scenario.params = parseParameters(raw.params, `${path}.params`, model.spec.parameters, n);
  if (raw.init !== undefined) scenario.init = parseInit(raw.init, `${path}.init`, model);
  if (raw.traces !== undefined) scenario.traces = parseTraces(raw.traces, `${path}.traces`, n, model);
  if (raw.input !== undefined)
    scenario.input = parseInput(raw.input, `${path}.input`, { n, batchSize, steps });
  if (raw.record !== undefined)
    scenario.record = parseRecord(
      raw.record,
      `${path}.record`,
      recordable(model, scenario.sumInput === true),
    );
  return { scenario, model };
}

const REFRACTORY = ['steps', 'seed'] as const;

function parseTraces(
  value: unknown,
  path: string,
  n: number,
  model: ScenarioModel,
): NonNullable<Scenario['traces']> {
  const raw = checkObject(value, path, { optional: ['enabled', 'additive', 'traceTau', 'traceScale'] });
  if (model.validated.threshold === null) {
    // Spike traces follow spikes; a model without a threshold has neither. Turning them off is harmless.
    const used = (['enabled', 'traceTau', 'traceScale'] as const).find(
      (name) => raw[name] !== undefined && raw[name] !== false,
    );
    if (used !== undefined) {
      throw new ScenarioError(
        `${path}.${used}`,
        `model "${model.name}" has no threshold, so it never spikes and has no spike traces`,
      );
    }
  }
  const traces: NonNullable<Scenario['traces']> = {};
  if (raw.enabled !== undefined) traces.enabled = checkBoolean(raw.enabled, `${path}.enabled`);
  if (raw.additive !== undefined) traces.additive = checkBoolean(raw.additive, `${path}.additive`);
  for (const name of ['traceTau', 'traceScale'] as const) {
    if (raw[name] === undefined) continue;
    // Never null: these specs are not nullable, so parseParameter rejects it.
    traces[name] = parseParameter(raw[name], `${path}.${name}`, FEATURE_PARAMETERS[name], n) as
      | number
      | number[];
  }
  return traces;
}

/** What `record.vars` may name: the model's state, and the population's own state where it keeps it. */
interface Recordable {
  names: readonly string[];
  /** How an error message lists them. */
  description: string;
}

function recordable(model: ScenarioModel, sumInput: boolean): Recordable {
  const { validated } = model;
  const state = validated.state.map((s) => s.target);
  const extra = [
    ...(validated.threshold ? ['traces'] : []),
    ...(validated.refractory ? ['refractory'] : []),
    ...(sumInput ? ['summedInput'] : []),
  ];
  const listed = [
    `a state variable of model "${model.name}" (${state.join(', ')})`,
    ...extra.map((name) => JSON.stringify(name)),
  ];
  const description =
    listed.length === 1 ? listed[0]! : `${listed.slice(0, -1).join(', ')} or ${listed.at(-1)}`;
  return { names: [...state, ...extra], description };
}

function parseRecord(value: unknown, path: string, allowed: Recordable): NonNullable<Scenario['record']> {
  const raw = checkObject(value, path, { optional: ['vars', 'vStride'] });
  const record: NonNullable<Scenario['record']> = {};
  if (raw.vars !== undefined) {
    if (!Array.isArray(raw.vars))
      fail(`${path}.vars`, `an array of names (${allowed.description})`, raw.vars);
    record.vars = raw.vars.map((name, i) => {
      if (typeof name !== 'string' || !allowed.names.includes(name))
        fail(`${path}.vars[${i}]`, allowed.description, name);
      return name;
    });
    checkDistinct(record.vars, `${path}.vars`);
  }
  if (raw.vStride !== undefined) record.vStride = checkPositiveInteger(raw.vStride, `${path}.vStride`);
  return record;
}

function checkDistinct(names: readonly RecordedVariable[], path: string): void {
  names.forEach((name, i) => {
    if (names.indexOf(name) !== i) throw new ScenarioError(`${path}[${i}]`, `"${name}" is listed twice`);
  });
}
