/** One bucket of a downsampled series: its time span and the smallest and largest value in it. */
export interface EnvelopeBucket {
  t: number;
  t2: number;
  min: number;
  max: number;
}

/**
 * A series of `values` sampled every `dt` ms from `start`, cut into `buckets` buckets of consecutive samples,
 * each kept as its min and max: every sample lies within its bucket's envelope, so a single-sample spike of
 * the membrane potential still reaches its full height.
 */
export function minMaxEnvelope(
  values: ArrayLike<number>,
  dt: number,
  buckets: number,
  start = 0,
): EnvelopeBucket[] {
  const count = Math.min(buckets, values.length);
  const envelope: EnvelopeBucket[] = [];
  for (let b = 0; b < count; b++) {
    const first = Math.floor((b * values.length) / count);
    const end = Math.floor(((b + 1) * values.length) / count);
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (let k = first; k < end; k++) {
      min = Math.min(min, values[k]!);
      max = Math.max(max, values[k]!);
    }
    envelope.push({ t: start + first * dt, t2: start + (end - 1) * dt, min, max });
  }
  return envelope;
}
