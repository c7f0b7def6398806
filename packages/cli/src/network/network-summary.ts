import type { NetworkSimulation } from './network-simulation.js';
import { meanIsiCv, meanRate, synchronyChi } from './stats.js';

/** Bin of the synchrony measure, in ms: a few membrane time constants' worth of spikes per neuron is too coarse. */
export const SYNCHRONY_BIN_MS = 5;

/** Per group: rate, CV of inter-spike intervals and synchrony, each the mean over batch rows. */
export interface GroupStatistics {
  name: string;
  kind: string;
  n: number;
  spikes: number;
  rate: number;
  cv: number;
  chi: number;
}

export function groupStatistics(simulation: NetworkSimulation): GroupStatistics[] {
  const { steps, dt, batchSize } = simulation;
  const binSteps = Math.max(1, Math.round(SYNCHRONY_BIN_MS / dt));
  return simulation.groups.map(({ name, kind, n, spikes }) => {
    let cv = 0;
    let chi = 0;
    for (let row = 0; row < batchSize; row++) {
      const { steps: rowSteps, indices } = rowSpikes(spikes, row, batchSize);
      cv += meanIsiCv(rowSteps, indices, n);
      chi += synchronyChi(rowSteps, indices, n, steps, binSteps);
    }
    const count = spikes.indices.length;
    return {
      name,
      kind,
      n,
      spikes: count,
      rate: meanRate(count, n * batchSize, steps * dt),
      cv: cv / batchSize,
      chi: chi / batchSize,
    };
  });
}

function rowSpikes(
  spikes: NetworkSimulation['groups'][number]['spikes'],
  row: number,
  batchSize: number,
): { steps: Uint32Array; indices: Uint32Array } {
  if (batchSize === 1) return spikes;
  const keep = spikes.rows.reduce((count, r) => count + (r === row ? 1 : 0), 0);
  const steps = new Uint32Array(keep);
  const indices = new Uint32Array(keep);
  for (let q = 0, k = 0; q < spikes.rows.length; q++) {
    if (spikes.rows[q] !== row) continue;
    steps[k] = spikes.steps[q]!;
    indices[k++] = spikes.indices[q]!;
  }
  return { steps, indices };
}

/** The report `synapticflow simulate` prints for a network. */
export function formatNetworkSummary(simulation: NetworkSimulation): string {
  const { steps, dt, batchSize, wallSeconds } = simulation;
  const statistics = groupStatistics(simulation);
  const populations = statistics.filter((g) => g.kind === 'population');
  const neurons = populations.reduce((sum, g) => sum + g.n, 0);
  const synapses = simulation.projections.reduce((sum, p) => sum + p.synapses, 0);
  const bytes = simulation.projections.reduce((sum, p) => sum + p.bytes, 0);
  const events = simulation.projections.reduce((sum, p) => sum + p.events, 0);
  const table = [
    ['group', 'kind', 'n', 'spikes', 'rate (Hz)', 'CV ISI', 'synchrony χ'],
    ...statistics.map((g) => [
      g.name,
      g.kind,
      String(g.n),
      String(g.spikes),
      g.rate.toFixed(2),
      formatStatistic(g.cv),
      formatStatistic(g.chi),
    ]),
  ];
  const lines = [
    field(
      'network',
      `${populations.length} population${populations.length === 1 ? '' : 's'} (${neurons} neurons), ` +
        `${statistics.length - populations.length} source${statistics.length - populations.length === 1 ? '' : 's'}, ` +
        `${simulation.projections.length} projection${simulation.projections.length === 1 ? '' : 's'} ` +
        `(${synapses} synapses, ${formatBytes(bytes)})${batchSize > 1 ? `, batch = ${batchSize}` : ''}`,
    ),
    field('time', `${steps} steps x dt ${dt} ms = ${Number((steps * dt).toPrecision(6))} ms`),
    field('backend', `${simulation.backend}: ${simulation.description}`),
    ...alignTable(table),
    `  (CV ISI: mean over neurons with 2 or more intervals; synchrony χ: Golomb 2007, Scholarpedia 2(1):1347, on spike counts in ${SYNCHRONY_BIN_MS} ms bins; 1 = all together, about 1/√n = independent)`,
    field('syn. events', `${events}, ${formatLarge(events / wallSeconds)}/s`),
    field('wall time', formatSeconds(wallSeconds)),
    field('throughput', `${formatLarge((neurons * batchSize * steps) / wallSeconds)} neuron-updates/s`),
  ];
  return `${lines.join('\n')}\n`;
}

function formatStatistic(x: number): string {
  return Number.isNaN(x) ? '-' : x.toFixed(3);
}

function alignTable(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  return rows.map(
    (row) =>
      `  ${row.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')}`,
  );
}

function field(label: string, value: string): string {
  return `${label.padEnd(12)}${value}`;
}

function formatSeconds(seconds: number): string {
  return seconds < 1 ? `${(seconds * 1000).toFixed(1)} ms` : `${seconds.toFixed(3)} s`;
}

function formatBytes(bytes: number): string {
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${(bytes / 1e3).toFixed(1)} kB`;
}

function formatLarge(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const [scale, unit] = x >= 1e9 ? [1e9, ' G'] : x >= 1e6 ? [1e6, ' M'] : x >= 1e3 ? [1e3, ' k'] : [1, ''];
  return `${(x / scale).toFixed(1)}${unit}`;
}
