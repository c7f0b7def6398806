import type { NetworkSimulation } from '@synapticflow/cli';
import { type ChartSpec, fiCurveChart, rasterChart, spikesFromFlags, traceChart } from '@synapticflow/plot';
import { linspace } from './input-current.js';
import type { PageState } from './page-state.js';
import type { PageRun } from './simulate.js';

/** Draws a chart into an element with vega's SVG renderer, interactive (hover) in the page. */
export async function show(element: HTMLElement, spec: ChartSpec): Promise<void> {
  // vega and vega-lite load with the first chart.
  const [{ parse, View }, { compile }] = await Promise.all([import('vega'), import('vega-lite')]);
  element.replaceChildren();
  const view = new View(parse(compile(spec).spec), { renderer: 'svg', container: element, hover: true });
  await view.runAsync();
}

export async function showCharts(
  elements: { raster: HTMLElement; traces: HTMLElement; fi: HTMLElement },
  state: PageState,
  run: PageRun,
  units: { v: string; input: string },
): Promise<void> {
  const duration = state.steps * state.dt;
  await show(
    elements.raster,
    rasterChart(spikesFromFlags(run.spikes, { n: state.n, dt: state.dt }), {
      title: `Raster: ${run.spikeCount} spikes`,
      duration,
    }),
  );
  await show(
    elements.traces,
    traceChart(
      run.traces.map(({ neuron, values }) => ({ label: `neuron ${neuron}`, values, dt: state.dt })),
      { title: 'Membrane potential', variable: 'v', unit: units.v },
    ),
  );
  const seconds = duration / 1000;
  await show(
    elements.fi,
    fiCurveChart(
      {
        inputs: linspace(state.input.from, state.input.to, state.n),
        rates: Array.from(run.counts, (count) => count / seconds),
      },
      { title: `f–I sweep (${state.input.kind} input)`, inputUnit: units.input },
    ),
  );
}

/** A network's raster, one colour per group (sources included). */
export function networkRaster(name: string, simulation: NetworkSimulation): ChartSpec {
  const groups = simulation.groups;
  const concat = (pick: (g: (typeof groups)[number]) => ArrayLike<number>) =>
    Float64Array.from(groups.flatMap((g) => Array.from(pick(g))));
  return rasterChart(
    {
      steps: concat((g) => g.spikes.steps),
      dt: simulation.dt,
      indices: concat((g) => g.spikes.indices),
      groups: Float64Array.from(groups.flatMap((g, k) => Array.from(g.spikes.indices, () => k))),
      groupNames: groups.map((g) => g.name),
      groupSizes: groups.map((g) => g.n),
    },
    {
      title: `${name} raster`,
      duration: simulation.steps * simulation.dt,
    },
  );
}
