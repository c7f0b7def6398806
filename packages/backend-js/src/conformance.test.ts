import {
  describeConformance,
  FAULTS,
  type Fault,
  faultyBackend,
  runConformance,
} from '@synapticflow/conformance';
import { MODEL_LIBRARY } from '@synapticflow/core';
import { describe, expect, test } from 'vitest';
import { jsBackend } from './index.js';

const COLUMNS = [
  { label: 'js float32', createBackend: () => jsBackend(), dtype: 'float32' as const },
  { label: 'js float64', createBackend: () => jsBackend(), dtype: 'float64' as const },
];

describeConformance({ describe, test }, { backends: COLUMNS });

// Every model of the library, on the generic checks (the ELIF-only rows are N/A for the others).
describeConformance(
  { describe, test },
  { backends: COLUMNS, models: Object.values(MODEL_LIBRARY).filter((m) => m.name !== 'elif'), effort: 0.5 },
);

/** Each fault built into the typed-array backend, with the matrix rows that must report it as FAIL. */
const CAUGHT_BY: Record<Fault, string[]> = {
  'exp-sign': ['one-step', 'reference-traces'],
  'refractory-off-by-one': ['one-step', 'reference-traces'],
  'skipped-reset': ['one-step', 'reference-traces'],
  'float64-arithmetic': ['reference-traces'],
  'shared-batch-state': ['one-step', 'invariances'],
};

describe('the conformance matrix fails deliberately broken backends', () => {
  for (const [fault, rows] of Object.entries(CAUGHT_BY) as [Fault, string[]][]) {
    test(`${FAULTS[fault]} is a FAIL`, async () => {
      const report = await runConformance({
        backends: [
          { label: fault, createBackend: () => faultyBackend(jsBackend(), fault), dtype: 'float32' },
        ],
        checks: rows,
        effort: 0.5,
      });
      expect(report.passed).toBe(false);
      for (const row of report.rows)
        expect(`${row.check}: ${row.cells[0]!.status}`).toBe(`${row.check}: FAIL`);
    });
  }
});
