import { C_CEILING } from './c-ceiling.js';
import { BASELINE, type BenchRow, BRIAN2 } from './run-bench.js';

/**
 * The benchmark as a table: median and range in M neuron-updates/s, ratio to the baseline, ratio to Brian2 on
 * as many threads (where Brian2 ran; in the same dtype where it ran in several), fraction of the C ceiling on as
 * many threads (where it ran), µs per step and bytes per neuron.
 */
export function formatBench(rows: readonly BenchRow[]): string {
  const baseline = (n: number) => rows.find((r) => r.n === n && r.implementation === BASELINE)?.rate.median;
  // Brian2 in the row's dtype where it ran in several.
  const brian2 = (row: BenchRow) => {
    const candidates = rows.filter(
      (r) => r.n === row.n && r.implementation.startsWith(BRIAN2) && (r.threads ?? 1) === (row.threads ?? 1),
    );
    return (candidates.find((r) => r.dtype === row.dtype) ?? candidates[0])?.rate.median;
  };
  const withBrian2 = rows.some((r) => r.implementation.startsWith(BRIAN2));
  const ceiling = (row: BenchRow) =>
    rows.find(
      (r) =>
        r.n === row.n && r.implementation.startsWith(C_CEILING) && (r.threads ?? 1) === (row.threads ?? 1),
    )?.rate.median;
  const withCeiling = rows.some((r) => r.implementation.startsWith(C_CEILING));
  const header = [
    'n',
    'implementation',
    'M updates/s',
    'min-max',
    `vs ${BASELINE}`,
    ...(withBrian2 ? ['vs Brian2, same threads'] : []),
    ...(withCeiling ? ['of C ceiling, same threads'] : []),
    'µs/step',
    'bytes/neuron',
  ];
  const body = rows.map((row) => {
    const base = baseline(row.n);
    return [
      String(row.n),
      row.implementation,
      (row.rate.median / 1e6).toFixed(1),
      `${(row.rate.min / 1e6).toFixed(1)}-${(row.rate.max / 1e6).toFixed(1)}`,
      base ? `${(row.rate.median / base).toFixed(2)}x` : '',
      ...(withBrian2 ? [ratio(row.rate.median, brian2(row))] : []),
      ...(withCeiling ? [percent(row.rate.median, ceiling(row))] : []),
      ((row.n / row.rate.median) * 1e6).toPrecision(3),
      row.bytesPerNeuron === undefined ? '' : String(row.bytesPerNeuron),
    ];
  });
  const widths = header.map((_, i) => Math.max(...[header, ...body].map((line) => line[i]!.length)));
  const right = new Set(header.map((_, i) => i).filter((i) => i !== 1));
  const line = (cells: string[]) =>
    cells.map((c, i) => (right.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
  return [line(header), ...body.map(line)].join('\n');
}

function percent(value: number, reference: number | undefined): string {
  return reference ? `${((100 * value) / reference).toFixed(0)}%` : '';
}

function ratio(value: number, reference: number | undefined): string {
  return reference ? `${(value / reference).toFixed(2)}x` : '';
}
