import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { FileError } from '../errors.js';
import { SIMULATE_HELP } from '../help.js';
import type { CliIo } from '../io.js';
import { createProgress } from '../progress.js';
import { readModelFile, readScenarioFile } from '../scenario/read-scenario-file.js';
import { type Simulation, simulateScenario } from '../simulate.js';
import { formatSummary } from '../summary.js';
import { requireThreadsSupport } from '../thread-args.js';
import { formatTrace, traceOf } from '../trace/to-trace.js';
import { parseSimulateArgs } from './simulate-args.js';

/** `synapticflow simulate`: returns the exit code; errors propagate to main, which reports them. */
export async function runSimulate(argv: readonly string[], io: CliIo): Promise<number> {
  const args = parseSimulateArgs(argv);
  if (args.help) {
    io.stdout.write(SIMULATE_HELP);
    return 0;
  }
  await requireThreadsSupport(args.threads, [args.backend], 'simulate');
  const overrides = { ...args.overrides };
  if (args.modelPath !== undefined)
    overrides.model = await readModelFile(resolve(io.cwd, args.modelPath), args.modelPath);
  // The flags apply before the check: params and recorded state must fit the model that will run.
  const scenario = await readScenarioFile(resolve(io.cwd, args.scenarioPath), args.scenarioPath, overrides);
  const progress = createProgress(io.stderr);
  let simulation: Simulation;
  try {
    simulation = await simulateScenario(scenario, {
      backend: args.backend,
      threads: args.threads,
      keepSpikes: args.out !== undefined,
      onProgress: progress.update,
      onWarning: (warning) => io.stderr.write(`synapticflow: warning: ${warning}\n`),
    });
  } finally {
    progress.finish();
  }
  io.stdout.write(`scenario    ${args.scenarioPath}\n${formatSummary(simulation)}`);
  if (args.out !== undefined) {
    await writeText(resolve(io.cwd, args.out), formatTrace(traceOf(simulation)), args.out);
    io.stdout.write(`trace       ${args.out}\n`);
  }
  return 0;
}

async function writeText(path: string, text: string, shownAs: string): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text);
  } catch (error) {
    throw new FileError(`cannot write trace file "${shownAs}" (${path}): ${(error as Error).message}`);
  }
}
