/** Firing rate in Hz of each neuron from its spike count over `durationMs`. */
export function firingRates(counts: ArrayLike<number>, durationMs: number): Float64Array {
  return Float64Array.from(counts, (count) => (count * 1000) / durationMs);
}

/** About `rows` indices spread evenly over 0..count-1, first and last included; all of them when count <= rows. */
export function sampleEvenly(count: number, rows: number): number[] {
  if (count <= rows) return Array.from({ length: count }, (_, i) => i);
  return Array.from({ length: rows }, (_, k) => Math.round((k * (count - 1)) / (rows - 1)));
}

/** Indices 0..count-1 ordered by `key` (stable, so equal keys keep index order). */
export function orderBy(key: ArrayLike<number>): number[] {
  return Array.from({ length: key.length }, (_, i) => i).sort((a, b) => key[a]! - key[b]! || a - b);
}

/** Index of the smallest and the largest value (the first of equals). */
export function extremes(values: ArrayLike<number>): { min: number; max: number } {
  let min = 0;
  let max = 0;
  for (let i = 1; i < values.length; i++) {
    if (values[i]! < values[min]!) min = i;
    if (values[i]! > values[max]!) max = i;
  }
  return { min, max };
}
