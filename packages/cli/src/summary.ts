import { extremes, firingRates, orderBy, sampleEvenly } from './rates.js';
import type { Simulation } from './simulate.js';

/** Rows of the rate-by-input table; larger populations are sampled so the summary stays readable. */
export const TABLE_ROWS = 20;

/** The human-readable report `synapticflow simulate` prints. */
export function formatSummary(simulation: Simulation): string {
  const { n, batchSize, steps, dt, spikeCounts, wallSeconds } = simulation;
  const durationMs = steps * dt;
  const rates = firingRates(spikeCounts, durationMs);
  const total = spikeCounts.reduce((sum, count) => sum + count, 0);
  const updates = batchSize * n * steps;
  const lines = [
    field('model', `${simulation.model} (n = ${n}, batch = ${batchSize})`),
    field('time', `${steps} steps x dt ${dt} ms = ${formatNumber(durationMs)} ms`),
    field(
      'backend',
      `${simulation.backend}: ${simulation.kernelDescription}, refractory ${simulation.refractory}, integrator ${simulation.integrator}`,
    ),
    field('spikes', `${total} total`),
    field('mean rate', `${formatRate((total * 1000) / (durationMs * batchSize * n))} Hz`),
    ...rateLines(simulation, rates),
    field('wall time', formatSeconds(wallSeconds)),
    field('throughput', `${formatLarge(updates / wallSeconds)} neuron-updates/s`),
  ];
  return `${lines.join('\n')}\n`;
}

function rateLines(simulation: Simulation, rates: Float64Array): string[] {
  const { constantInput, inputUnit } = simulation;
  const label = (i: number) => neuronLabel(i, simulation.n, simulation.batchSize);
  const name = (i: number) => `neuron ${label(i)}`;
  const input = (i: number) =>
    constantInput ? `, input ${formatNumber(constantInput[i]!)} ${inputUnit}` : '';
  const { min, max } = extremes(rates);
  const minMax = [
    field('min rate', `${formatRate(rates[min]!)} Hz (${name(min)}${input(min)})`),
    field('max rate', `${formatRate(rates[max]!)} Hz (${name(max)}${input(max)})`),
  ];
  if (!constantInput) return minMax;

  const order = orderBy(constantInput);
  const shown = sampleEvenly(order.length, TABLE_ROWS).map((k) => order[k]!);
  const sampled = shown.length < order.length ? `, ${shown.length} of ${order.length} evenly sampled` : '';
  const table = [
    [simulation.batchSize === 1 ? 'neuron' : 'row:neuron', `input (${inputUnit})`, 'rate (Hz)'],
    ...shown.map((i) => [label(i), formatNumber(constantInput[i]!), formatRate(rates[i]!)]),
  ];
  return [`rate by input (sorted by input${sampled}):`, ...alignRight(table), ...minMax];
}

/** The neuron's index, prefixed with its batch row when there is more than one. */
function neuronLabel(index: number, n: number, batchSize: number): string {
  return batchSize === 1 ? `${index}` : `${Math.floor(index / n)}:${index % n}`;
}

function alignRight(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  return rows.map((row) => `  ${row.map((cell, c) => cell.padStart(widths[c]!)).join('   ')}`);
}

function field(label: string, value: string): string {
  return `${label.padEnd(12)}${value}`;
}

function formatNumber(x: number): string {
  return String(Number(x.toPrecision(4)));
}

function formatRate(hz: number): string {
  return hz.toFixed(1);
}

function formatSeconds(seconds: number): string {
  return seconds < 1 ? `${(seconds * 1000).toFixed(1)} ms` : `${seconds.toFixed(3)} s`;
}

function formatLarge(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const [scale, unit] = x >= 1e9 ? [1e9, ' G'] : x >= 1e6 ? [1e6, ' M'] : x >= 1e3 ? [1e3, ' k'] : [1, ''];
  return `${(x / scale).toFixed(1)}${unit}`;
}
