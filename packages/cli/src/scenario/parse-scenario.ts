import { hasSpikeTraces } from '@synapticflow/core';
import { ScenarioError } from '../errors.js';
import { fail } from './check.js';
import { checkSchema, type Schema } from './check-schema.js';
import { resolveModel, type ScenarioModel } from './models.js';
import { parseInit } from './parse-init.js';
import { parseInput } from './parse-input.js';
import { checkScenarioParameters } from './parse-parameters.js';
import type { RecordedVariable, Scenario } from './scenario.js';
import { ScenarioSchema } from './schema.js';

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
 * The scenario schema checks the shape; what depends on the model or on n, batchSize and steps follows.
 */
export function loadScenario(value: unknown, path = 'scenario', model?: ScenarioModel): LoadedScenario {
  // The model is core's to check (resolveModel), with core's messages.
  checkSchema(ScenarioSchema as Schema, value, path, new Set([`${path}.model`]));
  const raw = value as Scenario;
  model ??= resolveModel(raw.model, `${path}.model`);
  const { n, steps } = raw;
  const batchSize = raw.batchSize ?? 1;

  // Built field by field, in a fixed order, so traces carry a tidy copy.
  // A library name stays a name; an inline spec is kept as written, so a trace can rebuild the model.
  const scenario = { model: raw.model, n } as Scenario;
  if (raw.batchSize !== undefined) scenario.batchSize = raw.batchSize;
  if (raw.dt !== undefined) scenario.dt = raw.dt;
  scenario.steps = steps;
  if (raw.dtype !== undefined) scenario.dtype = raw.dtype;
  if (raw.integrator !== undefined) scenario.integrator = raw.integrator;
  if (raw.refractory !== undefined) scenario.refractory = raw.refractory;
  if (raw.sumInput !== undefined) scenario.sumInput = raw.sumInput;
  if (raw.params !== undefined) scenario.params = { ...raw.params };
  if (raw.init !== undefined) scenario.init = parseInit(raw.init, `${path}.init`, model);
  if (raw.traces !== undefined) scenario.traces = parseTraces(raw.traces, `${path}.traces`, model);
  const { traceTau, traceScale } = scenario.traces ?? {};
  const traceParameters = {
    ...(traceTau === undefined ? {} : { traceTau }),
    ...(traceScale === undefined ? {} : { traceScale }),
  };
  checkScenarioParameters(scenario.params ?? {}, traceParameters, path, model, n);
  if (raw.input !== undefined)
    scenario.input = parseInput(raw.input, `${path}.input`, { n, batchSize, steps });
  if (raw.record !== undefined) {
    const allowed = recordable(model, scenario.sumInput === true);
    scenario.record = parseRecord(raw.record, `${path}.record`, allowed);
  }
  return { scenario, model };
}

type Traces = NonNullable<Scenario['traces']>;

function parseTraces(traces: Traces, path: string, model: ScenarioModel): Traces {
  if (!hasSpikeTraces(model.validated)) {
    // Spike traces follow spikes; core says this model has none. Turning them off is harmless.
    const used = (['enabled', 'traceTau', 'traceScale'] as const).find(
      (name) => traces[name] !== undefined && traces[name] !== false,
    );
    if (used !== undefined) {
      throw new ScenarioError(
        `${path}.${used}`,
        `model "${model.name}" has no threshold, so it never spikes and has no spike traces`,
      );
    }
  }
  // Values are checked with the other parameters, by core.
  const parsed: Traces = {};
  if (traces.enabled !== undefined) parsed.enabled = traces.enabled;
  if (traces.additive !== undefined) parsed.additive = traces.additive;
  if (traces.traceTau !== undefined) parsed.traceTau = traces.traceTau;
  if (traces.traceScale !== undefined) parsed.traceScale = traces.traceScale;
  return parsed;
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
    ...(hasSpikeTraces(validated) ? ['traces'] : []),
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

type Record_ = NonNullable<Scenario['record']>;

function parseRecord(record: Record_, path: string, allowed: Recordable): Record_ {
  const parsed: Record_ = {};
  if (record.vars !== undefined) {
    record.vars.forEach((name, i) => {
      if (!allowed.names.includes(name)) fail(`${path}.vars[${i}]`, allowed.description, name);
    });
    parsed.vars = [...record.vars] as RecordedVariable[];
  }
  if (record.vStride !== undefined) parsed.vStride = record.vStride;
  return parsed;
}
