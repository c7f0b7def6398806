import { resolve } from 'node:path';
import {
  type ChartSpec,
  isiHistogramChart,
  populationRateChart,
  rasterChart,
  type SpikeEvents,
  traceChart,
} from '@synapticflow/plot';
import { UsageError } from '../errors.js';
import type { CliIo } from '../io.js';
import type { NetworkSimulation, StateResult } from '../network/network-simulation.js';
import type { NetworkScenario } from '../scenario/schema.js';
import { writeCharts } from './plot-output.js';
import type { SimulateArgs } from './simulate-args.js';

type PlotRequest = NonNullable<SimulateArgs['plot']>;

/** The charts `simulate --plot` draws of a network's spikes, one colour per group. */
export const NETWORK_PLOT_KINDS = ['raster', 'rate', 'isi'] as const;

/** Neurons of a state monitor that one trace chart shows at most (its first ones). */
export const TRACED_NETWORK_NEURONS = 10;

/**
 * The state charts a network scenario can draw: `population.variable` for each variable of its state
 * monitors (`monitors.state`), in the file's order.
 */
export function networkStateKinds(network: NetworkScenario['network']): string[] {
  const kinds: string[] = [];
  for (const monitor of network.monitors?.state ?? []) {
    for (const name of monitor.vars) kinds.push(`${monitor.population}.${name}`);
  }
  return [...new Set(kinds)];
}

/** Checks `--plot-kind` for a network before the run. */
export function checkNetworkPlot(plot: PlotRequest, network: NetworkScenario['network']): void {
  const states = networkStateKinds(network);
  for (const kind of plot.kinds ?? []) {
    if (!(NETWORK_PLOT_KINDS as readonly string[]).includes(kind) && !states.includes(kind)) {
      const recorded =
        states.length === 0
          ? 'the scenario records no state; add monitors.state to chart one'
          : `or a recorded state: ${states.join(', ')}`;
      throw new UsageError(
        `--plot-kind ${kind}: a network's plot draws ${NETWORK_PLOT_KINDS.join(', ')} (every group's spikes, batch row 0), ${recorded}`,
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
  const states = networkStateKinds(simulation.scenario.network);
  const kinds = plot.kinds ?? (plot.format === 'svg' ? ['raster'] : [...NETWORK_PLOT_KINDS, ...states]);
  const events = networkSpikeEvents(simulation);
  const duration = simulation.steps * simulation.dt;
  const charts = kinds.map((kind): ChartSpec => {
    if (kind === 'rate') return populationRateChart(events, { duration });
    if (kind === 'isi') return isiHistogramChart(events);
    if (kind === 'raster') return rasterChart(events, { duration });
    return networkStateChart(simulation, kind);
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

/**
 * The chart of `population.variable`: its first monitored neurons of batch row 0 against time. Recorded row r
 * is the state after step steps[r], at time (steps[r] + 1) * dt.
 */
export function networkStateChart(simulation: NetworkSimulation, kind: string): ChartSpec {
  const dot = kind.lastIndexOf('.');
  const population = kind.slice(0, dot);
  const variable = kind.slice(dot + 1);
  const monitor = simulation.states.find(
    (state: StateResult) => state.population === population && state.vars.includes(variable),
  );
  if (!monitor) throw new UsageError(`--plot-kind ${kind}: no state monitor records it`, 'simulate');
  const values = monitor.values[variable]!;
  const perRow = monitor.indices.length * simulation.batchSize;
  const rows = monitor.steps.length;
  const { dt } = simulation;
  const shown = monitor.indices.slice(0, TRACED_NETWORK_NEURONS);
  const series = shown.map((neuron, k) => ({
    label: `neuron ${neuron}`,
    values: Float64Array.from({ length: rows }, (_, r) => values[r * perRow + k]!),
    dt: dt * monitor.stride,
    start: rows === 0 ? dt : (monitor.steps[0]! + 1) * dt,
  }));
  const more = monitor.indices.length - shown.length;
  const which = more > 0 ? ` (first ${shown.length} of ${monitor.indices.length} monitored neurons)` : '';
  return traceChart(series, { variable, title: `${variable} of ${population} against time${which}` });
}
