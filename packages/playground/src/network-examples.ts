import type { NetworkSimulation } from '@synapticflow/cli';
import brunel from '../../../examples/brunel.json' with { type: 'json' };
import cuba from '../../../examples/cuba.json' with { type: 'json' };
import { loadBackend } from './backends.js';
import { loadNetworkScenario, simulateNetwork } from './cli-network.js';
import type { BackendChoice } from './page-state.js';

/** The repository's network scenarios (examples/*.json), run as the CLI runs them. */
export const NETWORK_EXAMPLES: Readonly<Record<string, unknown>> = { cuba, brunel };

/** Runs a network example on a backend for `durationMs` of biological time (networks run on js and wasm). */
export async function simulateExample(
  name: string,
  backend: BackendChoice,
  durationMs: number,
): Promise<NetworkSimulation> {
  const loaded = loadNetworkScenario(NETWORK_EXAMPLES[name]);
  const steps = Math.round(durationMs / (loaded.scenario.network.dt ?? 0.1));
  const created = await loadBackend(backend);
  return simulateNetwork(loaded, { createBackend: () => created, steps });
}
