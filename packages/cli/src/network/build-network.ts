import {
  type Backend,
  Network,
  type NetworkGroup,
  type NetworkInitialValue,
  type NetworkPopulation,
  normal,
  type Projection,
  type SpikeMonitor,
  type StateMonitor,
  SynapticFlowError,
  uniform,
} from '@synapticflow/core';
import { ScenarioError } from '../errors.js';
import { withScenarioPaths } from '../scenario/core-errors.js';
import type { NetworkScenario } from '../scenario/schema.js';
import type { LoadedNetworkScenario } from './parse-network-scenario.js';

type ScenarioNetwork = NetworkScenario['network'];
type ScenarioInit = NonNullable<ScenarioNetwork['populations'][number]['init']>[string];
type ScenarioProjection = NonNullable<ScenarioNetwork['projections']>[number];

/** A projection with the names of its groups, for summaries. */
export interface NamedProjection {
  source: string;
  target: string;
  projection: Projection;
}

/** A network built from a scenario, with the monitors the run needs. */
export interface BuiltNetwork {
  network: Network;
  /** Every group by name, in the scenario's order: populations, then sources. */
  groups: ReadonlyMap<string, NetworkGroup>;
  /** Names of the populations (the groups that integrate). */
  populations: readonly string[];
  projections: readonly NamedProjection[];
  /** Watches every group: the summary needs all spikes, the trace keeps those `monitors.spikes` names. */
  spikes: SpikeMonitor;
  states: readonly { population: string; monitor: StateMonitor }[];
}

/**
 * Builds the network a checked scenario describes on `backend`. A bad value that only core can judge
 * (a delay beyond the largest, an onPre naming no state) is core's error, with core's message.
 */
export function buildNetwork(loaded: LoadedNetworkScenario, backend: Backend): BuiltNetwork {
  const { network: net } = loaded.scenario;
  const network = new Network({
    backend,
    ...(net.dt === undefined ? {} : { dt: net.dt }),
    ...(net.dtype === undefined ? {} : { dtype: net.dtype }),
    ...(net.batchSize === undefined ? {} : { batchSize: net.batchSize }),
  });
  try {
    const groups = new Map<string, NetworkGroup>();
    const populations = new Map<string, NetworkPopulation>();
    net.populations.forEach((population, k) => {
      const model = loaded.models.get(population.name)!;
      const init = Object.fromEntries(
        Object.entries(population.init ?? {}).map(([name, value]) => [name, initialValue(value)]),
      );
      const group = withScenarioPaths(
        () =>
          network.population(model.validated, {
            n: population.n,
            name: population.name,
            ...(population.params === undefined ? {} : { params: population.params }),
            init,
            ...(population.input === undefined ? {} : { input: population.input }),
            ...(population.integrator === undefined ? {} : { integrator: population.integrator }),
            ...(population.refractory === undefined ? {} : { refractory: population.refractory }),
          }),
        `scenario.network.populations[${k}]`,
      );
      groups.set(population.name, group);
      populations.set(population.name, group);
    });
    for (const [k, source] of (net.sources ?? []).entries()) {
      const group = atPath(`scenario.network.sources[${k}]`, () =>
        source.kind === 'poisson'
          ? network.poissonSource({ n: source.n, name: source.name, rate: source.rate, seed: source.seed })
          : network.spikeSource({
              n: source.n,
              name: source.name,
              ...(source.spikes === undefined ? {} : { spikes: source.spikes as [number, number][] }),
              ...(source.times === undefined ? {} : { times: source.times as [number, number][] }),
            }),
      );
      groups.set(source.name, group);
    }
    const projections: NamedProjection[] = [];
    for (const [k, projection] of (net.projections ?? []).entries()) {
      const targets = typeof projection.target === 'string' ? [projection.target] : projection.target;
      for (const target of targets) {
        const made = atPath(`scenario.network.projections[${k}]`, () =>
          network.connect(
            groups.get(projection.source)!,
            populations.get(target)!,
            connectOptions(projection),
          ),
        );
        projections.push({ source: projection.source, target, projection: made });
      }
    }
    const spikes = network.spikeMonitor([...groups.values()]);
    const states = (net.monitors?.state ?? []).map((state) => ({
      population: state.population,
      monitor: network.stateMonitor(populations.get(state.population)!, state.vars, {
        ...(state.indices === undefined ? {} : { indices: state.indices }),
        ...(state.stride === undefined ? {} : { stride: state.stride }),
      }),
    }));
    return { network, groups, populations: [...populations.keys()], projections, spikes, states };
  } catch (error) {
    network.dispose();
    throw error;
  }
}

/** Runs `make`, placing core's error about it at a scenario field, with core's message and the error as cause. */
function atPath<T>(path: string, make: () => T): T {
  try {
    return make();
  } catch (error) {
    if (error instanceof SynapticFlowError && !(error instanceof ScenarioError))
      throw Object.assign(new ScenarioError(path, error.message), { cause: error });
    throw error;
  }
}

function initialValue(value: ScenarioInit): NetworkInitialValue {
  if (typeof value === 'number' || Array.isArray(value)) return value;
  if ('uniform' in value) return uniform(value.uniform[0]!, value.uniform[1]!, { seed: value.seed ?? 0 });
  return normal(value.normal[0]!, value.normal[1]!, { seed: value.seed ?? 0 });
}

/** The scenario's projection as core's connect options: the synapse, its connector, values and delay. */
function connectOptions(projection: ScenarioProjection): Parameters<Network['connect']>[2] {
  const { synapse, connector } = projection;
  const variables = synapse.variables ?? {};
  return {
    synapse: {
      ...(synapse.name === undefined ? {} : { name: synapse.name }),
      onPre: synapse.onPre,
      variables: Object.fromEntries(Object.keys(variables).map((name) => [name, {}])),
    },
    connector,
    ...variables,
    ...(projection.delay === undefined ? {} : { delay: projection.delay }),
    ...(projection.seed === undefined ? {} : { seed: projection.seed }),
  } as Parameters<Network['connect']>[2];
}
