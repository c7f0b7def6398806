import { resolve } from 'node:path';
import { loadBackendModule } from '../backend-module.js';
import { FileError } from '../errors.js';
import { SIMULATE_HELP } from '../help.js';
import type { CliIo } from '../io.js';
import { isNetworkScenario } from '../network/parse-network-scenario.js';
import { createProgress } from '../progress.js';
import { loadScenarioJson, readModelArgument, readScenarioJson } from '../scenario/read-scenario-file.js';
import { type Simulation, simulateScenario } from '../simulate.js';
import { formatSummary } from '../summary.js';
import { requireThreadsSupport } from '../thread-args.js';
import { checkOutPath } from '../trace/out-path.js';
import { checkRecordingFits } from '../trace/recording-size.js';
import { traceText } from '../trace/trace-text.js';
import { writeAtomically } from '../trace/write-atomically.js';
import { checkSimulationPlot, writeSimulationPlot } from './plot-simulation.js';
import { parseSimulateArgs } from './simulate-args.js';
import { runSimulateNetwork } from './simulate-network.js';

/** `synapticflow simulate`: returns the exit code; errors propagate to main, which reports them. */
export async function runSimulate(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseSimulateArgs(argv);
  if (args.help) {
    io.stdout.write(SIMULATE_HELP);
    return 0;
  }
  await requireThreadsSupport(args.threads, [args.backend], 'simulate');
  const outPath = args.out === undefined ? undefined : resolve(io.cwd, args.out);
  if (outPath !== undefined) {
    const inputs = [{ path: resolve(io.cwd, args.scenarioPath), flag: 'scenario file' }];
    if (args.modelPath !== undefined)
      inputs.push({ path: resolve(io.cwd, args.modelPath), flag: '--model file' });
    checkOutPath({ path: outPath, shownAs: args.out! }, inputs, 'simulate');
  }
  const json = await readScenarioJson(resolve(io.cwd, args.scenarioPath), args.scenarioPath);
  if (isNetworkScenario(json)) return runSimulateNetwork(json as Record<string, unknown>, args, io, outPath);
  const model = args.modelPath === undefined ? undefined : await readModelArgument(args.modelPath, io.cwd);
  // The flags apply before the check: params and recorded state must fit the model that will run.
  const loaded = loadScenarioJson(json, args.scenarioPath, args.overrides, model);
  const { scenario } = loaded;
  checkRecordingFits(scenario);
  if (args.plot !== undefined) checkSimulationPlot(args.plot, scenario);
  const moduleBackend =
    args.backendModule === undefined ? undefined : await loadBackendModule(args.backendModule, io.cwd);
  const progress = createProgress(io.stderr);
  let simulation: Simulation;
  try {
    simulation = await simulateScenario(scenario, {
      model: loaded.model,
      backend: args.backend,
      ...(moduleBackend === undefined ? {} : { createBackend: moduleBackend.create }),
      threads: args.threads,
      keepSpikes: args.out !== undefined || args.plot !== undefined,
      onProgress: progress.update,
      onWarning: (warning) => io.stderr.write(`synapticflow: warning: ${warning}\n`),
    });
  } finally {
    progress.finish();
  }
  io.stdout.write(`scenario    ${args.scenarioPath}\n${formatSummary(simulation)}`);
  const recordedVars = scenario.record?.vars ?? [];
  if (outPath === undefined && args.plot === undefined && recordedVars.length > 0) {
    io.stderr.write(
      `synapticflow: warning: recorded ${recordedVars.join(', ')} without --out, so the recording was discarded ` +
        '(add --out trace.json to keep it, or --record "" not to record)\n',
    );
  }
  if (outPath !== undefined) {
    try {
      await writeAtomically(outPath, traceText(simulation));
    } catch (error) {
      throw new FileError(`cannot write trace file "${args.out}" (${outPath}): ${(error as Error).message}`);
    }
    io.stdout.write(`trace       ${args.out}\n`);
  }
  if (args.plot !== undefined)
    await writeSimulationPlot(simulation, loaded.model, args.plot, io, args.scenarioPath);
  return 0;
}
