/** Spike trains compared step by step: how many match exactly or within ±1 step, and where they first differ. */
export interface SpikeComparison {
  expected: number;
  actual: number;
  exact: number;
  withinOne: number;
  /** First step at which the two trains differ, or null if identical. */
  firstDivergence: number | null;
}

/** Spikes as [step, batchRow, neuron] triples from a steps x batch x n raster. */
export function spikeEvents(
  raster: Uint8Array,
  steps: number,
  batchSize: number,
  n: number,
): [number, number, number][] {
  const events: [number, number, number][] = [];
  const size = batchSize * n;
  for (let k = 0; k < steps; k++) {
    for (let i = 0; i < size; i++) if (raster[k * size + i]) events.push([k, Math.floor(i / n), i % n]);
  }
  return events;
}

/** Compares two spike lists ([step, batch, neuron]) neuron by neuron: spikes matching exactly, within one step, and the first difference. */
export function compareSpikes(
  actual: [number, number, number][],
  expected: [number, number, number][],
): SpikeComparison {
  const byNeuron = (events: [number, number, number][]) => {
    const map = new Map<string, number[]>();
    for (const [step, row, neuron] of events) {
      const key = `${row}/${neuron}`;
      map.set(key, [...(map.get(key) ?? []), step]);
    }
    return map;
  };
  const got = byNeuron(actual);
  let exact = 0;
  let withinOne = 0;
  for (const [key, steps] of byNeuron(expected)) {
    const mine = new Set(got.get(key) ?? []);
    for (const step of steps) {
      if (mine.has(step)) exact++;
      if (mine.has(step) || mine.has(step - 1) || mine.has(step + 1)) withinOne++;
    }
  }
  let firstDivergence: number | null = null;
  const limit = Math.max(actual.length, expected.length);
  const sorted = (events: [number, number, number][]) =>
    [...events].sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
  const a = sorted(actual);
  const e = sorted(expected);
  for (let i = 0; i < limit; i++) {
    const x = a[i];
    const y = e[i];
    if (!x || !y || x[0] !== y[0] || x[1] !== y[1] || x[2] !== y[2]) {
      firstDivergence = Math.min(x?.[0] ?? Infinity, y?.[0] ?? Infinity);
      break;
    }
  }
  return { expected: expected.length, actual: actual.length, exact, withinOne, firstDivergence };
}
