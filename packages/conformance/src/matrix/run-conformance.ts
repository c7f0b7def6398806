import { ELIF_MODEL, type ModelSpec } from '@synapticflow/core';
import { SPAN_NEURONS, spanningBackend } from '../spanning-backend.js';
import { analyticElif } from './checks/analytic-elif.js';
import { invariances } from './checks/invariances.js';
import { oneStepDifferential } from './checks/one-step.js';
import { oracleTrajectories } from './checks/oracle-trajectories.js';
import { referenceTrajectories } from './checks/reference-trajectories.js';
import { robustness } from './checks/robustness.js';
import type {
  Cell,
  Check,
  CheckOptions,
  ConformanceColumn,
  ConformanceReport,
  MatrixOptions,
  Row,
} from './types.js';

/** Every check of the conformance matrix, in the order of its rows. */
export const CHECKS: readonly Check[] = [
  oneStepDifferential,
  oracleTrajectories,
  referenceTrajectories,
  analyticElif,
  invariances,
  robustness,
];

export interface ConformanceRequest extends MatrixOptions {
  backends: readonly ConformanceColumn[];
  /** Models to check (default: the built-in ELIF). */
  models?: readonly ModelSpec[];
  /** Called as each cell is done, e.g. to show progress. */
  onCell?: (row: { check: string; model: string }, column: ConformanceColumn, cell: Cell) => void;
}

/** Runs every check on every model against every column and returns the matrix. */
export async function runConformance(request: ConformanceRequest): Promise<ConformanceReport> {
  const options = checkOptions(request);
  const models = request.models ?? [ELIF_MODEL];
  const checks = request.checks ? CHECKS.filter((c) => request.checks!.includes(c.id)) : CHECKS;
  const rows: Row[] = [];
  for (const model of models) {
    for (const check of checks) {
      const row: Row = { check: check.title, model: model.name, cells: [] };
      for (const column of request.backends) {
        const cell =
          check.appliesTo && !check.appliesTo(model)
            ? { status: 'N/A' as const, detail: `does not apply to model "${model.name}"` }
            : await runCell(check, model, spanning(column, request.span), options);
        row.cells.push(cell);
        request.onCell?.({ check: check.title, model: model.name }, column, cell);
      }
      rows.push(row);
    }
  }
  const columns = request.backends.map((column) => {
    const backend = column.createBackend();
    return { label: column.label, backend: backend.name, dtype: column.dtype };
  });
  return { columns, rows, passed: rows.every((row) => row.cells.every((cell) => cell.status !== 'FAIL')) };
}

/** A check that throws is a FAIL with the error as its detail, so one broken backend cannot stop the matrix. */
export async function runCell(
  check: Check,
  model: ModelSpec,
  column: ConformanceColumn,
  options: CheckOptions,
): Promise<Cell> {
  try {
    return await check.run(model, column, options);
  } catch (error) {
    return { status: 'FAIL', detail: `threw ${(error as Error)?.name}: ${(error as Error)?.message}` };
  }
}

export function checkOptions(request: MatrixOptions): CheckOptions {
  return {
    seed: request.seed ?? 20261125,
    effort: request.effort ?? 1,
    ...(request.allowedUlps !== undefined ? { allowedUlps: request.allowedUlps } : {}),
    ...(request.inputRange !== undefined ? { inputRange: request.inputRange } : {}),
  };
}

/**
 * The column for one cell, with the first population the check builds on it widened to `span` neurons per row
 * (see `spanningBackend`): every check then covers many blocks and thread shares, while its later
 * populations (long runs at several step sizes, say) keep their own size and cost. `false` widens none.
 */
export function spanning<T extends ConformanceColumn>(column: T, span: number | false = SPAN_NEURONS): T {
  if (span === false) return column;
  let widened = false;
  return {
    ...column,
    createBackend: () => {
      const backend = column.createBackend();
      const wide = spanningBackend(backend, span);
      return {
        ...backend,
        createKernel: (request) => {
          if (widened) return backend.createKernel(request);
          widened = true;
          return wide.createKernel(request);
        },
      };
    },
  };
}
