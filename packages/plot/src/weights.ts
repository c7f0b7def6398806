import { type ChartOptions, type ChartSpec, chartFrame } from './chart-spec.js';
import { histogram, histogramLayer } from './histogram.js';

/** Options of `weightHistogramChart`. */
export interface WeightOptions extends ChartOptions {
  /** Histogram bins (default 50). */
  bins?: number;
  /** The weights' name and unit for the x axis (default "w"). */
  label?: string;
}

/** Histogram of synaptic weights (e.g. a projection's `read('w')`). */
export function weightHistogramChart(weights: ArrayLike<number>, options: WeightOptions = {}): ChartSpec {
  const bins = histogram(weights, options.bins ?? 50, 'weight histogram');
  return {
    ...chartFrame(options, 'Synaptic weights', `${weights.length} synapses`),
    ...histogramLayer(bins, options.label ?? 'w', 'synapses'),
  } as ChartSpec;
}
