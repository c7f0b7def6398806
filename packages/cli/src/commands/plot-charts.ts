import {
  analyticRheobase,
  type ChartSpec,
  fiCurveChart,
  isiHistogramChart,
  populationRateChart,
  rasterChart,
  type SpikeEvents,
  traceChart,
} from '@synapticflow/plot';
import { UsageError } from '../errors.js';
import type { ScenarioModel } from '../scenario/models.js';

/** Chart kinds drawn from spikes and inputs; any other kind names a recorded state variable (v, w, traces…). */
export const SPIKE_KINDS = ['raster', 'fi', 'isi', 'rate'] as const;

/** Neurons whose state a trace chart shows, evenly spread over the population. */
export const TRACED_NEURONS = 5;

/** What the charts need of a run, whether it was just simulated or read back from a trace file. */
export interface PlotRun {
  model: ScenarioModel;
  params: Readonly<Record<string, unknown>>;
  n: number;
  batchSize: number;
  steps: number;
  dt: number;
  /** [step, batch, neuron] triples back to back. */
  spikes: ArrayLike<number>;
  /** Steps between recorded rows. */
  stride: number;
  /** Each recorded variable as rows x batchSize x n values. */
  recorded: Readonly<Record<string, ArrayLike<number>>>;
  /** Input per batch row and neuron when constant over the run; null when it varies per step. */
  constantInput: ArrayLike<number> | null;
}

/** The charts of one file when `--kind` is not given: all that the run can draw, or the most telling one. */
export function defaultKinds(run: PlotRun, single: boolean): string[] {
  const sweep = run.constantInput !== null && new Set(Array.from(run.constantInput)).size > 1;
  if (single) return [sweep ? 'fi' : 'raster'];
  return ['raster', ...(sweep ? ['fi'] : []), 'isi', 'rate', ...Object.keys(run.recorded)];
}

/** What a run can draw: its recorded variables and whether its input is constant over time. */
export interface PlotAvailable {
  recorded: readonly string[];
  constantInput: boolean;
}

/** What this run can draw. */
export function availableOf(run: PlotRun): PlotAvailable {
  return { recorded: Object.keys(run.recorded), constantInput: run.constantInput !== null };
}

/** Checks that every kind can be drawn, naming what is missing and how to get it. */
export function checkKinds(available: PlotAvailable, kinds: readonly string[], command: string): void {
  for (const kind of kinds) {
    if ((SPIKE_KINDS as readonly string[]).includes(kind)) {
      if (kind === 'fi' && !available.constantInput) {
        throw new UsageError(
          'fi needs a constant input per neuron; an input that varies per step has no single current per neuron',
          command,
        );
      }
      continue;
    }
    if (!available.recorded.includes(kind)) {
      const { recorded } = available;
      throw new UsageError(
        `chart kind "${kind}" is not ${SPIKE_KINDS.join(', ')} nor a recorded variable ` +
          `(${recorded.length === 0 ? 'nothing was recorded' : `recorded: ${recorded.join(', ')}`}); ` +
          `to chart a state variable, simulate with --record ${kind}`,
        command,
      );
    }
  }
}

/** The chart of one kind. */
export function chartOf(run: PlotRun, kind: string): ChartSpec {
  const duration = run.steps * run.dt;
  switch (kind) {
    case 'raster':
      return rasterChart(spikeEvents(run), { duration, title: `Spike raster — ${run.model.name}` });
    case 'isi':
      return isiHistogramChart(spikeEvents(run), { title: `Inter-spike intervals — ${run.model.name}` });
    case 'rate':
      return populationRateChart(spikeEvents(run), {
        duration,
        title: `Population rate — ${run.model.name}`,
      });
    case 'fi':
      return fiChart(run);
    default:
      return stateChart(run, kind);
  }
}

function spikeEvents(run: PlotRun): SpikeEvents {
  const count = run.spikes.length / 3;
  const steps = new Float64Array(count);
  const groups = new Uint32Array(count);
  const indices = new Uint32Array(count);
  for (let k = 0; k < count; k++) {
    steps[k] = run.spikes[3 * k]!;
    groups[k] = run.spikes[3 * k + 1]!;
    indices[k] = run.spikes[3 * k + 2]!;
  }
  const rows = Array.from({ length: run.batchSize }, (_, b) => b);
  return {
    steps,
    dt: run.dt,
    indices,
    groups,
    groupNames: run.batchSize === 1 ? [run.model.name] : rows.map((b) => `row ${b}`),
    groupSizes: rows.map(() => run.n),
  };
}

function fiChart(run: PlotRun): ChartSpec {
  const seconds = (run.steps * run.dt) / 1000;
  const rates = new Float64Array(run.n * run.batchSize);
  for (let k = 0; k < run.spikes.length; k += 3)
    rates[run.spikes[k + 1]! * run.n + run.spikes[k + 2]!]! += 1 / seconds;
  return fiCurveChart(
    { inputs: run.constantInput!, rates },
    { inputUnit: run.model.inputUnit, rheobase: rheobaseOf(run), title: `f–I curve — ${run.model.name}` },
  );
}

/** The analytic rheobase of a library model whose parameters are one value for all neurons. */
function rheobaseOf(run: PlotRun): number | undefined {
  if (!run.model.library) return undefined;
  const params: Record<string, number | null> = {};
  for (const [name, value] of Object.entries(run.params)) {
    if (typeof value === 'number' || value === null) params[name] = value;
    else return undefined;
  }
  return analyticRheobase(run.model.name, params);
}

function stateChart(run: PlotRun, variable: string): ChartSpec {
  const values = run.recorded[variable]!;
  const size = run.n * run.batchSize;
  const rows = values.length / size;
  const chosen = Array.from({ length: Math.min(TRACED_NEURONS, size) }, (_, k) =>
    Math.round((k * (size - 1)) / Math.max(1, Math.min(TRACED_NEURONS, size) - 1)),
  );
  const series = [...new Set(chosen)].map((element) => ({
    label: run.batchSize === 1 ? `neuron ${element}` : `${Math.floor(element / run.n)}:${element % run.n}`,
    values: Float64Array.from({ length: rows }, (_, j) => values[j * size + element]!),
    dt: run.dt * run.stride,
    // Row j is the state after step j*stride, i.e. at time (j*stride + 1) * dt.
    start: run.dt,
  }));
  return traceChart(series, {
    variable,
    unit: run.model.spec.state?.[variable]?.unit,
    title: `${variable} against time — ${run.model.name}`,
  });
}
