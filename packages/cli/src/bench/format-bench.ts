import { BASELINE, type BenchRow } from './run-bench.js';

/** The benchmark as a table: median and range in M neuron-updates/s, ratio to the baseline, µs per step. */
export function formatBench(rows: readonly BenchRow[]): string {
  const baseline = (n: number) => rows.find((r) => r.n === n && r.implementation === BASELINE)?.rate.median;
  const header = [
    'n',
    'implementation',
    'M updates/s',
    'min-max',
    `vs ${BASELINE}`,
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
      ((row.n / row.rate.median) * 1e6).toPrecision(3),
      row.bytesPerNeuron === undefined ? '' : String(row.bytesPerNeuron),
    ];
  });
  const widths = header.map((_, i) => Math.max(...[header, ...body].map((line) => line[i]!.length)));
  const right = new Set([0, 2, 3, 4, 5, 6]);
  const line = (cells: string[]) =>
    cells.map((c, i) => (right.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
  return [line(header), ...body.map(line)].join('\n');
}
