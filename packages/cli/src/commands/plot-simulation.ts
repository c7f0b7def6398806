import { resolve } from 'node:path';
import type { CliIo } from '../io.js';
import type { ScenarioModel } from '../scenario/models.js';
import type { Scenario } from '../scenario/scenario.js';
import type { Simulation } from '../simulate.js';
import { checkKinds, defaultKinds } from './plot-charts.js';
import { writePlot } from './plot-output.js';
import { plotRunOfSimulation } from './plot-trace-file.js';
import type { SimulateArgs } from './simulate-args.js';

type PlotRequest = NonNullable<SimulateArgs['plot']>;

/** Checks `--plot-kind` against the scenario before the run, so a chart it cannot draw costs no run. */
export function checkSimulationPlot(plot: PlotRequest, scenario: Scenario): void {
  if (plot.kinds === undefined) return;
  const constantInput = scenario.input === undefined || 'constant' in scenario.input;
  checkKinds({ recorded: scenario.record?.vars ?? [], constantInput }, plot.kinds, 'simulate');
}

/** `simulate --plot FILE`: draws the run that just finished and prints where. */
export async function writeSimulationPlot(
  simulation: Simulation,
  model: ScenarioModel,
  plot: PlotRequest,
  io: CliIo,
  scenarioPath: string,
): Promise<void> {
  const run = plotRunOfSimulation(simulation, model);
  const kinds = plot.kinds ?? defaultKinds(run, plot.format === 'svg');
  const path = resolve(io.cwd, plot.path);
  await writePlot(run, kinds, { path, shownAs: plot.path, format: plot.format }, scenarioPath);
  io.stdout.write(`plot        ${plot.path} (${kinds.join(', ')})\n`);
}
