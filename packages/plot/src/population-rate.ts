import { type ChartOptions, type ChartSpec, chartFrame } from './chart-spec.js';
import { PlotDataError } from './errors.js';
import { resolveSpikes, type SpikeEvents } from './spike-events.js';

/** Options of `populationRateChart` and `populationRate`. */
export interface RateOptions extends ChartOptions {
  /** Bin width in ms (default: the duration / 200). */
  binMs?: number;
  /** Duration in ms (default: the last spike). */
  duration?: number;
}

/** Mean firing rate per group over time: spikes per bin / (group size x bin width), in Hz, with the bin width. */
export function populationRate(
  events: SpikeEvents,
  options: RateOptions = {},
): { binMs: number; values: { t: number; rate: number; group: string }[] } {
  const spikes = resolveSpikes(events);
  const duration = options.duration ?? spikes.times.reduce((max, t) => Math.max(max, t), 0);
  const binMs = options.binMs ?? Math.max(duration, 1e-9) / 200;
  if (!(binMs > 0) || !Number.isFinite(binMs)) {
    throw new PlotDataError(`population rate: binMs must be positive and finite, got ${binMs}`);
  }
  const bins = Math.max(1, Math.ceil(duration / binMs));
  const counts = spikes.groupNames.map(() => new Array<number>(bins).fill(0));
  for (let k = 0; k < spikes.times.length; k++) {
    counts[spikes.groups[k]!]![Math.min(bins - 1, Math.floor(spikes.times[k]! / binMs))]!++;
  }
  const values = counts.flatMap((perBin, g) =>
    perBin.map((count, b) => ({
      t: b * binMs,
      rate: spikes.groupSizes[g]! === 0 ? 0 : (count * 1000) / (spikes.groupSizes[g]! * binMs),
      group: spikes.groupNames[g]!,
    })),
  );
  return { binMs, values };
}

/** Population rate over time as a step line per group. */
export function populationRateChart(events: SpikeEvents, options: RateOptions = {}): ChartSpec {
  const { binMs, values } = populationRate(events, options);
  return {
    ...chartFrame(
      options,
      'Population rate',
      `mean rate per neuron in ${Number(binMs.toPrecision(3))} ms bins`,
    ),
    data: { values },
    mark: { type: 'line', interpolate: 'step-after' },
    encoding: {
      x: { field: 't', type: 'quantitative', title: 'time (ms)' },
      y: { field: 'rate', type: 'quantitative', title: 'rate (Hz)' },
      color: { field: 'group', type: 'nominal', title: 'group' },
    },
  } as ChartSpec;
}
