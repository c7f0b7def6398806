import { type ChartOptions, type ChartSpec, chartFrame } from './chart-spec.js';
import { histogram, histogramLayer } from './histogram.js';
import { resolveSpikes, type SpikeEvents } from './spike-events.js';

/** Inter-spike intervals of a set of spike events and their coefficient of variation. */
export interface IsiStatistics {
  /** Every interval between consecutive spikes of one neuron, in ms. */
  intervals: Float64Array;
  /** Mean over neurons with at least two intervals of each neuron's CV (sd / mean of its intervals); NaN if none. */
  meanCv: number;
  /** Neurons that entered `meanCv`. */
  neuronsWithCv: number;
}

/** Intervals between consecutive spikes of each neuron (per group), and the neurons' mean CV. */
export function isiStatistics(events: SpikeEvents): IsiStatistics {
  const spikes = resolveSpikes(events);
  const byNeuron = new Map<string, number[]>();
  for (let k = 0; k < spikes.times.length; k++) {
    const key = `${spikes.groups[k]}:${spikes.indices[k]}`;
    const times = byNeuron.get(key);
    if (times === undefined) byNeuron.set(key, [spikes.times[k]!]);
    else times.push(spikes.times[k]!);
  }
  const intervals: number[] = [];
  let cvSum = 0;
  let neuronsWithCv = 0;
  for (const times of byNeuron.values()) {
    times.sort((a, b) => a - b);
    const own = times.slice(1).map((t, k) => t - times[k]!);
    intervals.push(...own);
    if (own.length < 2) continue;
    const mean = own.reduce((sum, x) => sum + x, 0) / own.length;
    const variance = own.reduce((sum, x) => sum + (x - mean) ** 2, 0) / own.length;
    if (mean > 0) {
      cvSum += Math.sqrt(variance) / mean;
      neuronsWithCv++;
    }
  }
  return {
    intervals: Float64Array.from(intervals),
    meanCv: neuronsWithCv === 0 ? Number.NaN : cvSum / neuronsWithCv,
    neuronsWithCv,
  };
}

/** Options of `isiHistogramChart`. */
export interface IsiOptions extends ChartOptions {
  /** Histogram bins (default 50). */
  bins?: number;
}

/** Histogram of inter-spike intervals, with the neurons' mean CV in the subtitle. */
export function isiHistogramChart(events: SpikeEvents, options: IsiOptions = {}): ChartSpec {
  const stats = isiStatistics(events);
  const bins = histogram(stats.intervals, options.bins ?? 50, 'ISI histogram');
  const cv = Number.isNaN(stats.meanCv)
    ? 'no neuron with 2 or more intervals, so no CV'
    : `mean CV ${stats.meanCv.toFixed(3)} over ${stats.neuronsWithCv} neurons`;
  return {
    ...chartFrame(options, 'Inter-spike intervals', `${stats.intervals.length} intervals; ${cv}`),
    ...histogramLayer(bins, 'inter-spike interval (ms)', 'intervals'),
  } as ChartSpec;
}
