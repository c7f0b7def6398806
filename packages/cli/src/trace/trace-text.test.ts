import { describe, expect, test } from 'vitest';
import { parseScenario } from '../scenario/parse-scenario.js';
import { simulateScenario } from '../simulate.js';
import { formatTrace, traceOf } from './to-trace.js';
import { traceText } from './trace-text.js';

describe('traceText', () => {
  test('streams the same text as formatTrace, for v, traces and other state', async () => {
    for (const scenario of [
      { model: 'elif', n: 3, batchSize: 2, steps: 300, record: { vars: ['v', 'traces'], vStride: 7 } },
      { model: 'adex', n: 4, steps: 200, dtype: 'float64', record: { vars: ['w', 'v'], vStride: 3 } },
      { model: 'elif', n: 2, steps: 50 },
    ]) {
      const input = { input: { constant: { linspace: [0.5, 3] } } };
      const simulation = await simulateScenario(parseScenario({ ...scenario, ...input }));
      expect([...traceText(simulation)].join('')).toBe(formatTrace(traceOf(simulation)));
    }
  });

  test('writes NaN and infinities as formatTrace does', async () => {
    const simulation = await simulateScenario(
      parseScenario({ model: 'elif', n: 2, steps: 4, record: { vars: ['v'] } }),
    );
    simulation.recorded.v![0] = Number.NaN;
    simulation.recorded.v![1] = Number.NEGATIVE_INFINITY;
    expect([...traceText(simulation)].join('')).toBe(formatTrace(traceOf(simulation)));
  });

  test('no piece holds more than one recorded row or one block of spikes', async () => {
    const simulation = await simulateScenario(
      parseScenario({
        model: 'elif',
        n: 100,
        steps: 8000,
        input: { constant: 5 },
        record: { vars: ['v'] },
      }),
    );
    const pieces = [...traceText(simulation)];
    const total = pieces.reduce((sum, piece) => sum + piece.length, 0);
    expect(simulation.spikes!.length / 3).toBeGreaterThan(8192);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(total / 20);
  });
});
