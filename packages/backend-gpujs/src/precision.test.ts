import { jsBackend } from '@synapticflow/backend-js';
import { expect, test } from 'vitest';
import { guaranteeViolations } from '../test/guarantee.js';
import { measurePrecision } from '../test/precision.js';
import { gpujsBackend } from './index.js';

// Node's gpu.js kernels compute exactly as backend-js float32 does: WebAssembly f32 arithmetic is IEEE
// float32, its Math.exp is JavaScript's (double, rounded once), and the cpu kernel rounds with Math.fround.
// WebGL2 is measured against the same references in src/browser/webgl2.test.ts.
for (const mode of ['gpu', 'cpu'] as const) {
  test(`gpujs ${mode}: reference scenarios exactly as backend-js float32, within the guarantee`, async () => {
    const rows = await measurePrecision(
      () => gpujsBackend({ mode }),
      () => jsBackend(),
    );
    expect(guaranteeViolations(rows)).toEqual([]);
    for (const row of rows.filter((r) => r.against === 'backend-js float32')) {
      expect({ scenario: row.scenario, v: row.v, traces: row.traces, exact: row.spikesExact }).toEqual({
        scenario: row.scenario,
        v: 0,
        traces: 0,
        exact: row.spikesExpected,
      });
    }
  });
}
