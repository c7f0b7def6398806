import { resolve } from 'node:path';
import {
  type ChartSpec,
  isiHistogramChart,
  populationRateChart,
  rasterChart,
  type SpikeEvents,
} from '@synapticflow/plot';
import { UsageError } from '../errors.js';
import type { CliIo } from '../io.js';
import type { NetworkSimulation } from '../network/network-simulation.js';
import { writeCharts } from './plot-output.js';
import type { SimulateArgs } from './simulate-args.js';

type PlotRequest = NonNullable<SimulateArgs['plot']>;

/** The charts `simulate --plot` draws of a network: from its spikes, one colour per group. */
export const NETWORK_PLOT_KINDS = ['raster', 'rate', 'isi'] as const;

/** Checks `--plot-kind` for a network before the run. */
export function checkNetworkPlot(plot: PlotRequest): void {
  for (const kind of plot.kinds ?? []) {
    if (!(NETWORK_PLOT_KINDS as readonly string[]).includes(kind)) {
      throw new UsageError(
        `--plot-kind ${kind}: a network's plot draws ${NETWORK_PLOT_KINDS.join(', ')} (every group's spikes, batch row 0)`,
        'simulate',
      );
    }
  }
}

/** `simulate NETWORK.json --plot FILE`: draws the run's spikes and prints where. */
export async function writeNetworkPlot(
  simulation: NetworkSimulation,
  plot: PlotRequest,
  io: CliIo,
  scenarioPath: string,
): Promise<void> {
  const kinds = plot.kinds ?? (plot.format === 'svg' ? ['raster'] : [...NETWORK_PLOT_KINDS]);
  const events = networkSpikeEvents(simulation);
  const duration = simulation.steps * simulation.dt;
  const charts = kinds.map((kind): ChartSpec => {
    if (kind === 'rate') return populationRateChart(events, { duration });
    if (kind === 'isi') return isiHistogramChart(events);
    return rasterChart(events, { duration });
  });
  const path = resolve(io.cwd, plot.path);
  await writeCharts(charts, { path, shownAs: plot.path, format: plot.format }, scenarioPath);
  io.stdout.write(`plot        ${plot.path} (${kinds.join(', ')})\n`);
}

/** Every group's spikes of batch row 0, one group per population or source, in the scenario's order. */
export function networkSpikeEvents(simulation: NetworkSimulation): SpikeEvents {
  const steps: number[] = [];
  const indices: number[] = [];
  const groups: number[] = [];
  for (const [g, group] of simulation.groups.entries()) {
    const { spikes } = group;
    for (let q = 0; q < spikes.steps.length; q++) {
      if (spikes.rows[q] !== 0) continue;
      steps.push(spikes.steps[q]!);
      indices.push(spikes.indices[q]!);
      groups.push(g);
    }
  }
  return {
    steps,
    dt: simulation.dt,
    indices,
    groups,
    groupNames: simulation.groups.map((group) => group.name),
    groupSizes: simulation.groups.map((group) => group.n),
  };
}
