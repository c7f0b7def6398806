import type { Dtype, ModelSpec } from '@synapticflow/core';
import type { ConformanceTarget } from '../target.js';

/** One column of the matrix: the same target type the suite runs on (`exclude` does not apply to checks). */
export type ConformanceColumn = ConformanceTarget;

/** A cell's verdict: OK, POOR (within a loose bound only), FAIL, or N/A where the check does not apply. */
export type CellStatus = 'OK' | 'POOR' | 'FAIL' | 'N/A';

/** One cell of the matrix: a check on one model and one column. */
export interface Cell {
  status: CellStatus;
  /** The measured error in the check's unit (ulps, mV, fraction of spikes, convergence order...), if any. */
  error?: number;
  unit?: string;
  /** One line: what was measured, or why it failed or does not apply. */
  detail: string;
}

/** One row: a check on one model, with a cell per column. */
export interface Row {
  check: string;
  model: string;
  cells: Cell[];
}

/** The conformance matrix: its columns, its rows and whether any cell failed. */
export interface ConformanceReport {
  columns: { label: string; backend: string; dtype: Dtype; kernel?: string }[];
  rows: Row[];
  /** True when no cell is FAIL. */
  passed: boolean;
}

/** A check computes one cell for one model on one column. */
export interface Check {
  id: string;
  title: string;
  /** Whether the check applies to the model (analytic ELIF results only to ELIF-like models). */
  appliesTo?(model: ModelSpec): boolean;
  /** Computes the cell of `model` on `column`. */
  run(model: ModelSpec, column: ConformanceColumn, options: CheckOptions): Promise<Cell>;
}

/** Options every check gets: seed, effort and an accepted looser bound. */
export interface CheckOptions {
  /** Seed of every random draw, so a report can be reproduced. */
  seed: number;
  /** Scale of the work (samples, steps); 1 is the default, smaller runs faster. */
  effort: number;
  /**
   * A looser one-step bound (ulps) the caller accepts, e.g. for a GPU whose exp is not correctly rounded:
   * beyond the model's own bound but within this one the cell is POOR, not FAIL.
   */
  allowedUlps?: number;
  /** The inputs the robustness check drives every model with, in place of each model's own `inputRange`. */
  inputRange?: { min: number; max: number };
}

/** What callers of the matrix may set: the checks' options (defaults filled in), which checks, and the span. */
export interface MatrixOptions extends Partial<CheckOptions> {
  /** Check ids to run (default: all). */
  checks?: readonly string[];
  /**
   * Neurons per batch row the populations (of the checks, and in `describeConformance` of the suite cases) are
   * widened to on the backend (see `spanningBackend`), so that faults past the first blocks or thread shares
   * show; `false` runs them at their own small size.
   */
  span?: number | false;
}
