/** A half-open range [start, end) of neuron columns. */
export interface ColumnRange {
  readonly start: number;
  readonly end: number;
}

/**
 * Splits columns 0 … n-1 into at most `parts` contiguous ranges of near-equal size whose inner boundaries are
 * multiples of `align` (so threads never write the same cache line or SIMD vector). Empty ranges are dropped.
 */
export function partitionColumns(n: number, parts: number, align: number): ColumnRange[] {
  const units = Math.ceil(n / align);
  const ranges: ColumnRange[] = [];
  for (let p = 0; p < parts; p++) {
    const start = Math.min(n, Math.round((units * p) / parts) * align);
    const end = Math.min(n, Math.round((units * (p + 1)) / parts) * align);
    if (end > start) ranges.push({ start, end });
  }
  return ranges;
}
