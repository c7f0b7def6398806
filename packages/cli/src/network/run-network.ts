import type { Backend } from '@synapticflow/core';
import { createBackend } from '../backends.js';
import { buildNetwork } from './build-network.js';
import type { GroupResult, NetworkSimulation } from './network-simulation.js';
import type { LoadedNetworkScenario } from './parse-network-scenario.js';
import { synapticEvents } from './stats.js';

/** Options of `simulateNetwork`: the backend (by name or made by the caller), threads and progress. */
export interface NetworkSimulateOptions {
  /** Backend name (default "js"). */
  backend?: string;
  /** Makes a backend of the caller's own, used instead of `backend`. */
  createBackend?: () => Backend;
  /** Threads for backends that have them (default 1). */
  threads?: number;
  /** Called as the run advances, with the steps done so far. */
  onProgress?: (stepsDone: number, steps: number) => void;
  /** Steps to run instead of the scenario's (tests run examples for less time). */
  steps?: number;
}

/** Builds the scenario's network, runs it and collects its spikes, synaptic events and recordings. */
export async function simulateNetwork(
  loaded: LoadedNetworkScenario,
  options: NetworkSimulateOptions = {},
): Promise<NetworkSimulation> {
  const backend =
    options.createBackend?.() ?? (await createBackend(options.backend ?? 'js', options.threads ?? 1));
  const built = buildNetwork(loaded, backend);
  const { network } = built;
  try {
    const steps = options.steps ?? loaded.steps;
    const start = performance.now();
    await network.runAsync(
      { steps },
      options.onProgress === undefined ? {} : { progress: options.onProgress },
    );
    const wallSeconds = (performance.now() - start) / 1000;
    const net = loaded.scenario.network;
    const kinds = new Map<string, GroupResult['kind']>([
      ...net.populations.map((p) => [p.name, 'population'] as const),
      ...(net.sources ?? []).map((s) => [s.name, s.kind] as const),
    ]);
    const groups = [...built.groups].map(([name, group]) => ({
      name,
      kind: kinds.get(name)!,
      n: group.n,
      spikes: built.spikes.ofGroup(group),
    }));
    const spikesOf = new Map(groups.map((g) => [g.name, g]));
    const projections = built.projections.map(({ source, target, projection }) => {
      const group = spikesOf.get(source)!;
      const events = synapticEvents(group.spikes.indices, projection.outDegrees());
      return {
        source,
        target,
        synapses: projection.synapseCount,
        bytes: projection.bytes,
        events,
      };
    });
    const states = built.states.map(({ population, monitor }) => ({
      population,
      vars: monitor.variables,
      indices: [...monitor.indices],
      stride: monitor.stride,
      steps: monitor.steps,
      values: Object.fromEntries(monitor.variables.map((name) => [name, monitor.values(name)])),
    }));
    return {
      scenario: loaded.scenario,
      backend: backend.name,
      description: network.description,
      dt: network.dt,
      dtype: network.dtype,
      batchSize: network.batchSize,
      steps,
      groups,
      projections,
      states,
      tracedGroups: net.monitors?.spikes ?? [...built.groups.keys()],
      wallSeconds,
    };
  } finally {
    network.dispose();
  }
}
