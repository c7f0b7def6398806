import type { Cell, ConformanceReport } from './types.js';

/** The matrix as text: a row per check and model, a column per backend, then each cell's detail. */
export function formatMatrix(report: ConformanceReport): string {
  const header = ['check', ...report.columns.map((c) => c.label)];
  const body = report.rows.map((row) => [
    report.rows.filter((r) => r.check === row.check).length > 1 ? `${row.check} [${row.model}]` : row.check,
    ...row.cells.map(shortCell),
  ]);
  const widths = header.map((_, i) => Math.max(...[header, ...body].map((line) => line[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ');
  const table = [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...body.map(line)];
  const details = report.rows.flatMap((row) =>
    row.cells.map(
      (cell, i) =>
        `  ${cell.status.padEnd(4)} ${row.check} [${row.model}] on ${report.columns[i]!.label}: ${cell.detail}`,
    ),
  );
  const verdict = report.passed ? 'no check failed' : `${countFailures(report)} cells FAIL`;
  return [...table, '', 'details:', ...details, '', verdict].join('\n');
}

function shortCell(cell: Cell): string {
  if (cell.error === undefined || !Number.isFinite(cell.error)) return cell.status;
  const value =
    Math.abs(cell.error) >= 1e-2 || cell.error === 0
      ? cell.error.toPrecision(3)
      : cell.error.toExponential(1);
  return `${cell.status} ${Number(value)} ${cell.unit ?? ''}`.trim();
}

function countFailures(report: ConformanceReport): number {
  return report.rows.reduce((sum, row) => sum + row.cells.filter((c) => c.status === 'FAIL').length, 0);
}
