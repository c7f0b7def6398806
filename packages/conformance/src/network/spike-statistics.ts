/**
 * Statistics of a spiking network's activity, defined exactly as the Brian2 reference generator defines them
 * (scripts/brian2_networks.py, `cuba_statistics`), so that the two can be compared number for number.
 */

/** Spikes as parallel arrays: spike q is neuron `indices[q]` at step `steps[q]`. */
export interface SpikeList {
  readonly steps: ArrayLike<number>;
  readonly indices: ArrayLike<number>;
}

/** One group's rate, CV of ISIs and Fano factor over a window. */
export interface PopulationStatistics {
  /** Mean rate in Hz over the window. */
  rate: number;
  /** Mean over neurons with at least 3 spikes of std/mean of their interspike intervals (population std). */
  cv: number | null;
  /** var/mean (population variance) of the group's spike count per bin; null when no spike fell in the window. */
  fano: number | null;
  spikes: number;
}

/** The neurons and steps a statistic covers, with dt and the Fano factor's bin. */
export interface StatisticsWindow {
  /** Neurons `first` to `end - 1` form the group. */
  first: number;
  end: number;
  /** Steps `fromStep` to `toStep - 1` are counted. */
  fromStep: number;
  toStep: number;
  dt: number;
  binSteps: number;
}

/** Rate, mean CV of ISIs and Fano factor of neurons first..end-1 over steps fromStep..toStep-1. */
export function populationStatistics(spikes: SpikeList, window: StatisticsWindow): PopulationStatistics {
  const { first, end, fromStep, toStep, dt, binSteps } = window;
  const own: number[][] = Array.from({ length: end - first }, () => []);
  const bins = new Float64Array(Math.ceil((toStep - fromStep) / binSteps));
  let count = 0;
  for (let q = 0; q < spikes.steps.length; q++) {
    const step = spikes.steps[q]!;
    const index = spikes.indices[q]!;
    if (index < first || index >= end || step < fromStep || step >= toStep) continue;
    own[index - first]!.push(step);
    bins[Math.floor((step - fromStep) / binSteps)]! += 1;
    count++;
  }
  const cvs: number[] = [];
  for (const steps of own) {
    if (steps.length < 3) continue;
    steps.sort((a, b) => a - b);
    const isi = steps.slice(1).map((s, k) => s - steps[k]!);
    const m = mean(isi);
    cvs.push(Math.sqrt(variance(isi, m)) / m);
  }
  const binMean = mean(bins);
  return {
    rate: count / ((end - first) * (toStep - fromStep) * dt * 1e-3),
    cv: cvs.length > 0 ? mean(cvs) : null,
    fano: binMean > 0 ? variance(bins, binMean) / binMean : null,
    spikes: count,
  };
}

/** The first step whose set of spiking neurons differs between two spike lists, or null when none does. */
export function firstDivergentStep(a: SpikeList, b: SpikeList): number | null {
  const left = byStep(a);
  const right = byStep(b);
  const steps = [...new Set([...left.keys(), ...right.keys()])].sort((x, y) => x - y);
  for (const step of steps) {
    const x = left.get(step) ?? [];
    const y = right.get(step) ?? [];
    if (x.length !== y.length || x.some((index, k) => index !== y[k])) return step;
  }
  return null;
}

function byStep(spikes: SpikeList): Map<number, number[]> {
  const map = new Map<number, number[]>();
  for (let q = 0; q < spikes.steps.length; q++) {
    const step = spikes.steps[q]!;
    const list = map.get(step);
    if (list) list.push(spikes.indices[q]!);
    else map.set(step, [spikes.indices[q]!]);
  }
  for (const list of map.values()) list.sort((x, y) => x - y);
  return map;
}

function mean(values: ArrayLike<number>): number {
  let sum = 0;
  for (let k = 0; k < values.length; k++) sum += values[k]!;
  return sum / values.length;
}

function variance(values: ArrayLike<number>, m: number): number {
  let sum = 0;
  for (let k = 0; k < values.length; k++) sum += (values[k]! - m) ** 2;
  return sum / values.length;
}
