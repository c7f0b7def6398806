import { type ChartOptions, type ChartSpec, chartFrame } from './chart-spec.js';
import { minMaxEnvelope } from './envelope.js';
import { PlotDataError } from './errors.js';

/** One recorded series: a neuron's state variable sampled every `dt` ms. */
export interface TraceSeries {
  /** Legend label, e.g. "neuron 3". */
  label: string;
  /** The samples, in time order. */
  values: ArrayLike<number>;
  /** Time between samples in ms (a run's dt times its recording stride). */
  dt: number;
  /** Time of the first sample in ms (default 0). */
  start?: number;
}

/** Options of `traceChart`. */
export interface TraceOptions extends ChartOptions {
  /** The variable's name for the y axis (default "v"). */
  variable?: string;
  /** Its unit, shown on the axis (e.g. "mV"). */
  unit?: string;
  /** Samples per series above which it is drawn as a min/max envelope of `maxPoints / 2` buckets (default 2000). */
  maxPoints?: number;
}

/**
 * State traces: one line per series against time. A series longer than `maxPoints` becomes a band from each
 * bucket's minimum to its maximum (never a subsample, which would miss spikes), as the subtitle says.
 */
export function traceChart(series: readonly TraceSeries[], options: TraceOptions = {}): ChartSpec {
  const variable = options.variable ?? 'v';
  const maxPoints = options.maxPoints ?? 2000;
  if (series.length === 0) throw new PlotDataError(`trace chart of ${variable}: no series given`);
  const lines: { t: number; value: number; series: string }[] = [];
  const bands: { t: number; min: number; max: number; series: string }[] = [];
  for (const one of series) {
    if (!(one.dt > 0)) throw new PlotDataError(`trace "${one.label}": dt must be positive, got ${one.dt}`);
    const start = one.start ?? 0;
    for (let k = 0; k < one.values.length; k++) {
      if (!Number.isFinite(one.values[k]!)) {
        throw new PlotDataError(`trace "${one.label}": sample ${k} is ${one.values[k]}, not finite`);
      }
    }
    if (one.values.length <= maxPoints) {
      for (let k = 0; k < one.values.length; k++) {
        lines.push({ t: start + k * one.dt, value: one.values[k]!, series: one.label });
      }
    } else {
      const buckets = Math.max(1, Math.floor(maxPoints / 2));
      for (const bucket of minMaxEnvelope(one.values, one.dt, buckets, start)) {
        // Both ends of the bucket, so the band covers its whole span.
        bands.push({ t: bucket.t, min: bucket.min, max: bucket.max, series: one.label });
        bands.push({ t: bucket.t2, min: bucket.min, max: bucket.max, series: one.label });
      }
    }
  }
  const axisTitle = options.unit === undefined ? variable : `${variable} (${options.unit})`;
  const x = { field: 't', type: 'quantitative', title: 'time (ms)' };
  const color = { field: 'series', type: 'nominal', title: 'neuron' };
  const layers: object[] = [];
  if (lines.length > 0) {
    layers.push({
      data: { values: lines },
      mark: { type: 'line', strokeWidth: 1 },
      encoding: {
        x,
        y: { field: 'value', type: 'quantitative', title: axisTitle, scale: { zero: false } },
        color,
      },
    });
  }
  if (bands.length > 0) {
    layers.push({
      data: { values: bands },
      mark: { type: 'area', opacity: 0.8 },
      encoding: {
        x,
        y: { field: 'min', type: 'quantitative', title: axisTitle, stack: null, scale: { zero: false } },
        y2: { field: 'max' },
        color,
      },
    });
  }
  const subtitle =
    bands.length > 0
      ? `series over ${maxPoints} samples drawn as min/max envelopes of ${Math.floor(maxPoints / 2)} buckets`
      : undefined;
  return {
    ...chartFrame(options, `${variable} against time`, subtitle),
    layer: layers,
  } as ChartSpec;
}
