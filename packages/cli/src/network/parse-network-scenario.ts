import { closestName, type ModelSpec } from '@synapticflow/core';
import { ScenarioError } from '../errors.js';
import { rejectUnknownFields } from '../scenario/check.js';
import { checkSchema, type Schema } from '../scenario/check-schema.js';
import { MODEL_NAMES, resolveModel, type ScenarioModel } from '../scenario/models.js';
import { checkScenarioParameters } from '../scenario/parse-parameters.js';
import { type NetworkScenario, NetworkScenarioSchema } from '../scenario/schema.js';

/** A checked network scenario and each population's model, resolved once. */
export interface LoadedNetworkScenario {
  scenario: NetworkScenario;
  /** By population name. */
  models: ReadonlyMap<string, ScenarioModel>;
  /** Steps to run: `steps`, or `duration / dt` rounded to the nearest step. */
  steps: number;
}

/** Whether a parsed scenario file describes a network (it has a `network` field). */
export function isNetworkScenario(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'network' in value;
}

/**
 * Checks a network scenario file: its shape against the schema, then what the schema cannot say (names
 * unique and known, lengths that depend on n, one of steps/duration). Values of parameters are core's to check.
 */
export function loadNetworkScenario(value: unknown, path = 'scenario'): LoadedNetworkScenario {
  // Model specs are core's to check, with core's messages.
  const modelPaths = new Set<string>();
  const raw = value as NetworkScenario;
  if (typeof raw?.network === 'object' && raw.network !== null) {
    if (Array.isArray(raw.network.populations)) {
      for (const [k, population] of raw.network.populations.entries()) {
        if (typeof population?.model === 'object') modelPaths.add(`${path}.network.populations[${k}].model`);
      }
    }
    const named = raw.network.models;
    if (typeof named === 'object' && named !== null && !Array.isArray(named))
      for (const name of Object.keys(named)) modelPaths.add(`${path}.network.models.${name}`);
  }
  checkSchema(NetworkScenarioSchema as Schema, value, path, modelPaths);
  const net = raw.network;
  const at = `${path}.network`;
  const dt = net.dt ?? 0.1;
  if ((net.steps === undefined) === (net.duration === undefined))
    throw new ScenarioError(at, 'give exactly one of "steps" and "duration" (ms)');
  const steps = net.steps ?? Math.max(1, Math.round(net.duration! / dt));

  const sizes = new Map<string, number>();
  const populations = new Set<string>();
  const addName = (name: string, n: number, where: string) => {
    if (sizes.has(name)) throw new ScenarioError(`${where}.name`, `"${name}" names another group already`);
    sizes.set(name, n);
  };
  const models = new Map<string, ScenarioModel>();
  const named = new Map<string, ScenarioModel>();
  for (const [name, spec] of Object.entries(net.models ?? {}))
    named.set(name, resolveModel(spec, `${at}.models.${name}`));
  net.populations.forEach((population, k) => {
    const where = `${at}.populations[${k}]`;
    addName(population.name, population.n, where);
    populations.add(population.name);
    const model = populationModel(population.model, `${where}.model`, named);
    models.set(population.name, model);
    checkScenarioParameters(population.params ?? {}, {}, where, model, population.n);
    if (population.init !== undefined) {
      const state = model.validated.state.map((s) => s.target);
      rejectUnknownFields(population.init, `${where}.init`, state);
    }
    checkLength(population.input, population.n, `${where}.input`);
  });
  (net.sources ?? []).forEach((source, k) => {
    const where = `${at}.sources[${k}]`;
    addName(source.name, source.n, where);
    if (source.kind === 'poisson') {
      checkLength(source.rate, source.n, `${where}.rate`);
      return;
    }
    if ((source.spikes === undefined) === (source.times === undefined))
      throw new ScenarioError(
        where,
        'give exactly one of "spikes" ([step, index] pairs) and "times" ([ms, index] pairs)',
      );
    const field = source.spikes === undefined ? 'times' : 'spikes';
    (source.spikes ?? source.times ?? []).forEach(([, index], q) => {
      if (!Number.isInteger(index) || index! < 0 || index! >= source.n)
        throw new ScenarioError(
          `${where}.${field}[${q}][1]`,
          `expected a neuron index from 0 to ${source.n - 1}, got ${index}`,
        );
    });
  });
  const groupNames = () => [...sizes.keys()].map((name) => `"${name}"`).join(', ');
  (net.projections ?? []).forEach((projection, k) => {
    const where = `${at}.projections[${k}]`;
    if (!sizes.has(projection.source))
      throw new ScenarioError(
        `${where}.source`,
        `no group is named "${projection.source}" (groups: ${groupNames()})`,
      );
    const targets = typeof projection.target === 'string' ? [projection.target] : projection.target;
    targets.forEach((target, t) => {
      const field = typeof projection.target === 'string' ? `${where}.target` : `${where}.target[${t}]`;
      if (!populations.has(target)) {
        const detail = sizes.has(target)
          ? 'is a spike source; only populations receive synapses'
          : 'names no population';
        throw new ScenarioError(field, `"${target}" ${detail} (populations: ${[...populations].join(', ')})`);
      }
    });
    const { connector } = projection;
    if (connector.kind === 'explicit' && connector.i.length !== connector.j.length) {
      throw new ScenarioError(
        `${where}.connector`,
        `"i" and "j" must have one entry per synapse each, got ${connector.i.length} and ${connector.j.length}`,
      );
    }
  });
  const monitors = net.monitors ?? {};
  (monitors.spikes ?? []).forEach((name, k) => {
    if (!sizes.has(name))
      throw new ScenarioError(
        `${at}.monitors.spikes[${k}]`,
        `no group is named "${name}" (groups: ${groupNames()})`,
      );
  });
  (monitors.state ?? []).forEach((monitor, k) => {
    const where = `${at}.monitors.state[${k}]`;
    const model = models.get(monitor.population);
    if (model === undefined)
      throw new ScenarioError(
        `${where}.population`,
        `"${monitor.population}" names no population (populations: ${[...populations].join(', ')})`,
      );
    const state = model.validated.state.map((s) => s.target);
    monitor.vars.forEach((name, v) => {
      if (!state.includes(name))
        throw new ScenarioError(
          `${where}.vars[${v}]`,
          `model "${model.name}" has no state "${name}" (state: ${state.join(', ')})`,
        );
    });
    const n = sizes.get(monitor.population)!;
    (monitor.indices ?? []).forEach((index, q) => {
      if (index >= n)
        throw new ScenarioError(
          `${where}.indices[${q}]`,
          `expected a neuron index from 0 to ${n - 1}, got ${index}`,
        );
    });
  });
  return { scenario: raw, models, steps };
}

/** A value that is a number for all or one per neuron: a list must have n entries. */
function checkLength(value: number | readonly number[] | undefined, n: number, path: string): void {
  if (Array.isArray(value) && value.length !== n)
    throw new ScenarioError(
      path,
      `expected one number or ${n} numbers (one per neuron), got ${value.length}`,
    );
}

/** A population's model: a name from the network's `models`, a library name, or an inline spec. */
function populationModel(
  model: string | ModelSpec,
  path: string,
  named: ReadonlyMap<string, ScenarioModel>,
): ScenarioModel {
  if (typeof model !== 'string') return resolveModel(model, path);
  const own = named.get(model);
  if (own !== undefined) return own;
  if (MODEL_NAMES.includes(model)) return resolveModel(model, path);
  const known = [...named.keys(), ...MODEL_NAMES];
  const guess = closestName(model, known);
  throw new ScenarioError(
    path,
    `no model is named "${model}" in the network's "models" or the model library (${known.join(', ')})${guess === undefined ? '' : `; did you mean "${guess}"?`}`,
  );
}
