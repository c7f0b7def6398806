import {
  describeConformance,
  FAULTS,
  type Fault,
  faultyBackend,
  runConformance,
} from '@synapticflow/conformance';
import { MODEL_LIBRARY, type ModelSpec } from '@synapticflow/core';
import { describe, expect, test } from 'vitest';
import { jsBackend } from './index.js';

const COLUMNS = [
  { label: 'js float32', createBackend: () => jsBackend(), dtype: 'float32' as const },
  { label: 'js float64', createBackend: () => jsBackend(), dtype: 'float64' as const },
  // The fast mode gets no looser bound: every cell must be within the model's own one-step bound.
  {
    label: 'js float32, fast',
    createBackend: () => jsBackend({ precision: 'fast' }),
    dtype: 'float32' as const,
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
    label: 'js float32, 3 threads',
    createBackend: () => jsBackend({ threads: 3, minUpdatesForThreads: 0 }),
    dtype: 'float32',
  },
  { suite: false },
);

/** Each fault built into the typed-array backend, with the matrix rows that must report it as FAIL. */
const CAUGHT_BY: Partial<Record<Fault, string[]>> = {
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

/** Faults confined to one element far into a population: only a population spanning several blocks shows them. */
const POSITIONAL: Fault[] = ['block-boundary', 'far-element'];

describe('every check spans several blocks and thread shares', () => {
  for (const fault of POSITIONAL) {
    for (const threads of [1, 3]) {
      test(`${FAULTS[fault]} is a FAIL in every check (${threads} thread${threads > 1 ? 's' : ''})`, async () => {
        const createBackend = () => faultyBackend(jsBackend({ threads, minUpdatesForThreads: 1 }), fault);
        const report = await runConformance({
          backends: [{ label: fault, createBackend, dtype: 'float32' }],
          effort: 0.5,
        });
        for (const row of report.rows)
          expect(`${row.check}: ${row.cells[0]!.status}`).toBe(`${row.check}: FAIL`);
        expect(report.rows.map((row) => row.cells[0]!.detail).join('\n')).toMatch(
          /element \d{4,} of a population/,
        );
      });
    }
    test(`${FAULTS[fault]} goes unseen at the checks' own small sizes (why they are widened)`, async () => {
      const report = await runConformance({
        backends: [
          { label: fault, createBackend: () => faultyBackend(jsBackend(), fault), dtype: 'float32' },
        ],
        effort: 0.5,
        span: false,
      });
      expect(report.passed).toBe(true);
    });
  }
});

/**
 * The exponential integrate-and-fire model (Fourcaud-Trocmé, Hansel, van Vreeswijk & Brunel 2003,
 * J. Neurosci. 23:11628), written as a user would: an exponential term that a poor exp shows in.
 */
const USER_EIF: ModelSpec = {
  name: 'user-eif',
  parameters: {
    tauM: { default: 20, constraint: 'positive' },
    eL: { default: -65 },
    vT: { default: -50 },
    deltaT: { default: 2, constraint: 'positive' },
    vReset: { default: -68 },
    vPeak: { default: -30 },
  },
  state: { v: { initial: 'eL' } },
  equations: { v: '(-(v - eL) + deltaT*exp((v - vT)/deltaT) + I) / tauM' },
  threshold: 'v >= vPeak',
  reset: { v: 'vReset' },
};

describe('a float32 exp with a relative error of 1e-4 fails on a user model', () => {
  test('one-step is a FAIL by default, POOR only where the caller allows a looser bound', async () => {
    const column = {
      label: 'inexact exp',
      createBackend: () => faultyBackend(jsBackend(), 'inexact-exp'),
      dtype: 'float32' as const,
    };
    const strict = await runConformance({ backends: [column], models: [USER_EIF], checks: ['one-step'] });
    expect(strict.rows[0]!.cells[0]!.status).toBe('FAIL');
    expect(strict.passed).toBe(false);
    const loose = await runConformance({
      backends: [column],
      models: [USER_EIF],
      checks: ['one-step'],
      allowedUlps: 1e6,
    });
    expect(loose.rows[0]!.cells[0]!.status).toBe('POOR');
  });

  test('the correct backend is OK on the same model', async () => {
    const report = await runConformance({
      backends: [COLUMNS[0]!],
      models: [USER_EIF],
      checks: ['one-step'],
    });
    expect(report.rows[0]!.cells[0]!.status).toBe('OK');
  });
});
