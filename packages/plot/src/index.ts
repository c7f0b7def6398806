export { type ChartOptions, type ChartSpec, VEGA_LITE_SCHEMA } from './chart-spec.js';
export { type EnvelopeBucket, minMaxEnvelope } from './envelope.js';
export { PlotDataError } from './errors.js';
export { type FiOptions, type FiPoints, fiCurveChart } from './fi-curve.js';
export { type HistogramBin, histogram } from './histogram.js';
export { renderHtmlReport } from './html-report.js';
export { type IsiOptions, type IsiStatistics, isiHistogramChart, isiStatistics } from './isi.js';
export { populationRate, populationRateChart, type RateOptions } from './population-rate.js';
export { RASTER_DENSITY_THRESHOLD, type RasterOptions, rasterChart } from './raster.js';
export { renderSvg } from './render.js';
export { analyticRheobase, type ParameterValues } from './rheobase.js';
export {
  type ResolvedSpikes,
  resolveSpikes,
  type SpikeEvents,
  type SpikeMonitorLike,
  spikesFromFlags,
  spikesFromMonitor,
} from './spike-events.js';
export { type TraceOptions, type TraceSeries, traceChart } from './traces.js';
export { type WeightOptions, weightHistogramChart } from './weights.js';
