import { type Cell, describeConformance, faultyBackend, runConformance } from '@synapticflow/conformance';
import { MODEL_LIBRARY } from '@synapticflow/core';
import { describe, expect, test } from 'vitest';
import { wasmBackend } from './index.js';

const COLUMNS = [
  { label: 'wasm float32', createBackend: () => wasmBackend(), dtype: 'float32' as const },
  { label: 'wasm float64', createBackend: () => wasmBackend(), dtype: 'float64' as const },
  // The fast mode gets no looser bound: every cell must be within the model's own one-step bound.
  {
    label: 'wasm float32, fast',
    createBackend: () => wasmBackend({ precision: 'fast' }),
    dtype: 'float32' as const,
  },
  // Reciprocals only: a rewritten division is within 1.5 ulps of the quotient (exact: 0.5), under the bound too.
  {
    label: 'wasm float64, fast',
    createBackend: () => wasmBackend({ precision: 'fast' }),
    dtype: 'float64' as const,
  },
];

for (const column of COLUMNS) {
  describeConformance({ describe, test }, column, { suite: false });
  // Every model of the library, on the generic checks (the ELIF-only rows are N/A for the others).
  describeConformance({ describe, test }, column, {
    suite: false,
    models: Object.values(MODEL_LIBRARY).filter((m) => m.name !== 'elif'),
    effort: 0.5,
  });
}

// The checks' widened populations split over three threads: faults at thread boundaries show in every check.
describeConformance(
  { describe, test },
  {
    label: 'wasm float32, 3 threads',
    createBackend: () => wasmBackend({ threads: 3, minUpdatesForThreads: 0 }),
    dtype: 'float32',
  },
  { suite: false },
);

describe("float64's one-step bound has room for the fast mode's reciprocals, not for a worse division", () => {
  // Isyn += dt * (I - Isyn) / tauSyn cancels where I and Isyn nearly meet: one rounding there is many ulps.
  const model = MODEL_LIBRARY['lif-exp-synapse']!;
  const fast = COLUMNS.find((column) => column.label === 'wasm float64, fast')!;

  test('a division with a relative error of 2^-40 is a FAIL, POOR only where the caller allows a looser bound', async () => {
    const column = {
      label: 'inexact division',
      createBackend: () => faultyBackend(wasmBackend(), 'inexact-division'),
      dtype: 'float64' as const,
    };
    const strict = await runConformance({ backends: [column], models: [model], checks: ['one-step'] });
    expect(strict.rows[0]!.cells[0]!.status).toBe('FAIL');
    const loose = await runConformance({
      backends: [column],
      models: [model],
      checks: ['one-step'],
      allowedUlps: 1e7,
    });
    expect(loose.rows[0]!.cells[0]!.status).toBe('POOR');
  });

  test('wasm float64, fast is OK on the same model, a few ulps off where the exact column is 0', async () => {
    const exact = COLUMNS.find((column) => column.label === 'wasm float64')!;
    const report = await runConformance({ backends: [fast, exact], models: [model], checks: ['one-step'] });
    const [fastCell, exactCell] = report.rows[0]!.cells as [Cell, Cell];
    expect(fastCell.status).toBe('OK');
    expect(fastCell.error).toBeGreaterThan(0);
    expect(exactCell.error).toBe(0);
  });
});
