import { type ChartOptions, type ChartSpec, chartFrame, DEFAULT_HEIGHT } from './chart-spec.js';
import { type ResolvedSpikes, resolveSpikes, type SpikeEvents } from './spike-events.js';

/**
 * Above this many spikes a raster is drawn as a binned density instead of one mark per spike: one mark costs
 * about 70 bytes of SVG, so this keeps a raster's SVG under 2 MB.
 */
export const RASTER_DENSITY_THRESHOLD = 20_000;

/** Options of `rasterChart`. */
export interface RasterOptions extends ChartOptions {
  /** Spike count above which the raster becomes a density (default `RASTER_DENSITY_THRESHOLD`). */
  densityAbove?: number;
  /** Time bins of the density (default 150). */
  timeBins?: number;
  /** Neuron bins of the density, over all groups (default 100, or one per neuron when there are fewer). */
  neuronBins?: number;
  /** End of the time axis in ms (default: the last spike). */
  duration?: number;
}

/**
 * A spike raster: time against neuron, one colour per group (population or batch row), groups stacked with
 * the first at the bottom. Above `densityAbove` spikes it shows spike counts per time x neuron bin, as the
 * subtitle says.
 */
export function rasterChart(events: SpikeEvents, options: RasterOptions = {}): ChartSpec {
  const spikes = resolveSpikes(events);
  const count = spikes.times.length;
  const offsets = groupOffsets(spikes.groupSizes);
  const rows = offsets[offsets.length - 1]!;
  const lastSpike = spikes.times.reduce((max, t) => Math.max(max, t), 0);
  const duration = options.duration ?? lastSpike;
  const x = { type: 'quantitative', title: 'time (ms)', scale: { domain: [0, Math.max(duration, 1e-9)] } };
  const y = { type: 'quantitative', title: 'neuron', scale: { domain: [0, Math.max(rows, 1)] } };
  const color = {
    field: 'group',
    type: 'nominal',
    title: 'group',
    scale: { domain: spikes.groupNames },
    legend: spikes.groupNames.length > 1 ? {} : null,
  };
  if (count > (options.densityAbove ?? RASTER_DENSITY_THRESHOLD)) {
    return densityRaster(spikes, offsets, duration, options, { x, y, color });
  }
  const values = Array.from({ length: count }, (_, k) => ({
    t: spikes.times[k]!,
    y: offsets[spikes.groups[k]!]! + spikes.indices[k]! + 0.5,
    group: spikes.groupNames[spikes.groups[k]!]!,
  }));
  return {
    ...chartFrame(options, 'Spike raster', `${count} spikes`),
    data: { values },
    // Each tick one row tall (1 to 8 pixels), so neighbouring neurons neither overlap nor vanish.
    mark: { type: 'tick', orient: 'vertical', thickness: 1, opacity: 1, size: tickLength(options, rows) },
    encoding: { x: { field: 't', ...x }, y: { field: 'y', ...y }, color },
  } as ChartSpec;
}

/** Spike counts per time x neuron bin; each bin's colour is its group's, its opacity the count. */
function densityRaster(
  spikes: ResolvedSpikes,
  offsets: number[],
  duration: number,
  options: RasterOptions,
  axes: { x: object; y: object; color: object },
): ChartSpec {
  const rows = offsets[offsets.length - 1]!;
  const timeBins = options.timeBins ?? 150;
  const neuronBins = options.neuronBins ?? Math.min(100, rows);
  const binMs = Math.max(duration, 1e-9) / timeBins;
  const neuronsPerBin = rows / neuronBins;
  const counts = new Map<number, number>();
  const groupOfBin = new Map<number, number>();
  for (let k = 0; k < spikes.times.length; k++) {
    const column = Math.min(timeBins - 1, Math.floor(spikes.times[k]! / binMs));
    const row = offsets[spikes.groups[k]!]! + spikes.indices[k]!;
    const key = Math.min(neuronBins - 1, Math.floor(row / neuronsPerBin)) * timeBins + column;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    groupOfBin.set(key, spikes.groups[k]!);
  }
  const values = [...counts].map(([key, spikeCount]) => {
    const column = key % timeBins;
    const row = (key - column) / timeBins;
    return {
      t: column * binMs,
      t2: (column + 1) * binMs,
      y: row * neuronsPerBin,
      y2: (row + 1) * neuronsPerBin,
      spikes: spikeCount,
      group: spikes.groupNames[groupOfBin.get(key)!]!,
    };
  });
  const subtitle =
    `${spikes.times.length} spikes, drawn as a density (more than ${options.densityAbove ?? RASTER_DENSITY_THRESHOLD}): ` +
    `spikes per ${formatBin(binMs)} ms x ${formatBin(neuronsPerBin)} neuron bin`;
  return {
    ...chartFrame(options, 'Spike raster', subtitle),
    data: { values },
    mark: { type: 'rect' },
    encoding: {
      x: { field: 't', ...axes.x },
      x2: { field: 't2' },
      y: { field: 'y', ...axes.y },
      y2: { field: 'y2' },
      color: axes.color,
      opacity: {
        field: 'spikes',
        type: 'quantitative',
        title: 'spikes per bin',
        scale: { range: [0.15, 1] },
      },
    },
  } as ChartSpec;
}

function tickLength(options: RasterOptions, rows: number): number {
  return Math.min(8, Math.max(1, (options.height ?? DEFAULT_HEIGHT) / Math.max(rows, 1)));
}

/** Row where each group starts, and the total row count last. */
function groupOffsets(sizes: readonly number[]): number[] {
  const offsets = [0];
  for (const size of sizes) offsets.push(offsets[offsets.length - 1]! + size);
  return offsets;
}

function formatBin(x: number): string {
  return String(Number(x.toPrecision(3)));
}
