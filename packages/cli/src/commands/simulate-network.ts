import { loadBackendModule } from '../backend-module.js';
import { FileError, ScenarioError, UsageError } from '../errors.js';
import type { CliIo } from '../io.js';
import { formatNetworkSummary } from '../network/network-summary.js';
import { networkTraceText } from '../network/network-trace.js';
import { loadNetworkScenario } from '../network/parse-network-scenario.js';
import { simulateNetwork } from '../network/run-network.js';
import { createProgress } from '../progress.js';
import { writeAtomically } from '../trace/write-atomically.js';
import { checkNetworkPlot, writeNetworkPlot } from './plot-network.js';
import type { SimulateArgs } from './simulate-args.js';

/** Flags that change one population's scenario; a network sets these per population in its file. */
const POPULATION_OVERRIDES = [
  ['integrator', '--integrator'],
  ['record', '--record'],
  ['vStride', '--v-stride'],
] as const;

/** `synapticflow simulate` of a network scenario (a file with a "network" field). */
export async function runSimulateNetwork(
  json: Record<string, unknown>,
  args: SimulateArgs,
  io: CliIo,
  outPath: string | undefined,
): Promise<number> {
  if (args.modelPath !== undefined) {
    throw new UsageError(
      `--model applies to single-population scenarios; a network names its models per population in "${args.scenarioPath}"`,
      'simulate',
    );
  }
  for (const [key, flag] of POPULATION_OVERRIDES) {
    if (args.overrides[key] !== undefined) {
      throw new UsageError(
        `${flag} applies to single-population scenarios; in a network, set it per population (or "monitors") in "${args.scenarioPath}"`,
        'simulate',
      );
    }
  }
  const { dtype } = args.overrides;
  const network = json.network;
  const withFlags =
    dtype !== undefined && typeof network === 'object' && network !== null && !Array.isArray(network)
      ? { ...json, network: { ...network, dtype } }
      : json;
  let loaded: ReturnType<typeof loadNetworkScenario>;
  try {
    loaded = loadNetworkScenario(withFlags);
  } catch (error) {
    if (error instanceof ScenarioError) throw new ScenarioError(error.path, error.detail, args.scenarioPath);
    throw error;
  }
  if (args.plot !== undefined) checkNetworkPlot(args.plot, loaded.scenario.network);
  const progress = createProgress(io.stderr);
  let simulation: Awaited<ReturnType<typeof simulateNetwork>>;
  try {
    const moduleBackend =
      args.backendModule === undefined ? undefined : await loadBackendModule(args.backendModule, io.cwd);
    simulation = await simulateNetwork(loaded, {
      backend: args.backend,
      ...(moduleBackend === undefined ? {} : { createBackend: moduleBackend.create }),
      threads: args.threads,
      onProgress: progress.update,
    });
  } finally {
    progress.finish();
  }
  io.stdout.write(`scenario    ${args.scenarioPath}\n${formatNetworkSummary(simulation)}`);
  if (outPath !== undefined) {
    try {
      await writeAtomically(outPath, networkTraceText(simulation));
    } catch (error) {
      throw new FileError(`cannot write trace file "${args.out}" (${outPath}): ${(error as Error).message}`);
    }
    io.stdout.write(`trace       ${args.out}\n`);
  }
  if (args.plot !== undefined) await writeNetworkPlot(simulation, args.plot, io, args.scenarioPath);
  return 0;
}
