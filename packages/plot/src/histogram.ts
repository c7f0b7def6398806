import { PlotDataError } from './errors.js';

/** A histogram bin: [start, end) and how many values fell in it (the last bin also holds its end). */
export interface HistogramBin {
  start: number;
  end: number;
  count: number;
}

/** Counts `values` in `bins` equal bins from their minimum to their maximum; rejects non-finite values. */
export function histogram(values: ArrayLike<number>, bins: number, what: string): HistogramBin[] {
  if (!Number.isInteger(bins) || bins < 1) {
    throw new PlotDataError(`${what}: bins must be a positive integer, got ${bins}`);
  }
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < values.length; k++) {
    const value = values[k]!;
    if (!Number.isFinite(value)) throw new PlotDataError(`${what}: value ${k} is ${value}, not finite`);
    min = Math.min(min, value);
    max = Math.max(max, value);
  }
  if (values.length === 0) return [];
  // One value (or all equal): one unit-wide bin around it, so the bar has a width.
  const width = max > min ? (max - min) / bins : 1;
  const start = max > min ? min : min - 0.5;
  const counts = new Array<number>(bins).fill(0);
  for (let k = 0; k < values.length; k++) {
    counts[Math.min(bins - 1, Math.floor((values[k]! - start) / width))]!++;
  }
  return counts.map((count, b) => ({ start: start + b * width, end: start + (b + 1) * width, count }));
}

/** A bar chart's layers for histogram bins, as Vega-Lite encodings over `start`, `end` and `count`. */
export function histogramLayer(bins: readonly HistogramBin[], xTitle: string, yTitle: string) {
  return {
    data: { values: bins },
    mark: { type: 'rect' },
    encoding: {
      x: { field: 'start', type: 'quantitative', title: xTitle },
      x2: { field: 'end' },
      y: { field: 'count', type: 'quantitative', title: yTitle },
    },
  } as const;
}
