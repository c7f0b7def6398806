import { type ConformanceReport, runConformance } from '@synapticflow/conformance';
import { loadBackend } from './backends.js';
import type { BackendChoice } from './page-state.js';

/**
 * Runs the conformance matrix (every check, the ELIF model) on the chosen backends, each of its dtypes a column.
 * The checks call the synchronous `run`, which threaded backends refuse on a page's main thread: one thread here.
 */
export async function conformanceOf(
  choices: readonly BackendChoice[],
  onCell: (done: number) => void,
): Promise<ConformanceReport> {
  const loaded = await Promise.all(choices.map((choice) => loadBackend(choice, 1)));
  const backends = choices.flatMap((choice, k) =>
    loaded[k]!.dtypes.map((dtype) => ({
      label: `${choice} ${dtype}`,
      createBackend: () => loaded[k]!,
      dtype,
    })),
  );
  let done = 0;
  // A small effort keeps the matrix to seconds in a page; the CLI's `conformance` runs it at full effort.
  return runConformance({ backends, effort: 0.25, onCell: () => onCell(++done) });
}

/** The matrix as an HTML table: a row per check and model, a column per backend and dtype. */
export function conformanceTable(report: ConformanceReport): HTMLTableElement {
  const table = document.createElement('table');
  table.id = 'conformance-table';
  const head = table.createTHead().insertRow();
  for (const title of ['check', 'model', ...report.columns.map((c) => c.label)]) {
    const th = document.createElement('th');
    th.textContent = title;
    head.append(th);
  }
  const body = table.createTBody();
  for (const row of report.rows) {
    const tr = body.insertRow();
    tr.insertCell().textContent = row.check;
    tr.insertCell().textContent = row.model;
    for (const cell of row.cells) {
      const td = tr.insertCell();
      td.textContent = cell.status;
      td.title = cell.detail;
      td.className = `status-${cell.status.replace('/', '').toLowerCase()}`;
    }
  }
  return table;
}
