import { describe, expect, test } from 'vitest';
import { type Chunk, planChunks } from './chunks.js';

/** The global steps whose state a plan records, as the kernel records every `stride` steps within a call. */
function recordedSteps(chunks: Chunk[], stride: number): number[] {
  const steps: number[] = [];
  for (const chunk of chunks) {
    if (!chunk.record) continue;
    for (let k = 0; k < chunk.length; k += stride) steps.push(chunk.start + k);
  }
  return steps;
}

describe('planChunks', () => {
  test('covers every step once, in order', () => {
    for (const [steps, neurons, stride, recording] of [
      [1000, 10, 7, true],
      [1000, 10, 300, true],
      [1000, 10, 1, false],
      [5, 1e6, 2, true],
    ] as const) {
      const chunks = [...planChunks(steps, neurons, stride, recording, 1000)];
      let next = 0;
      for (const chunk of chunks) {
        expect(chunk.start).toBe(next);
        expect(chunk.length).toBeGreaterThan(0);
        next += chunk.length;
      }
      expect(next).toBe(steps);
    }
  });

  test('records exactly the steps j*stride, however the stride compares with the chunk', () => {
    for (const stride of [1, 7, 100, 101, 450, 999, 5000]) {
      const chunks = [...planChunks(2000, 10, stride, true, 1000)];
      const expected = Array.from({ length: Math.ceil(2000 / stride) }, (_, j) => j * stride);
      expect(recordedSteps(chunks, stride)).toEqual(expected);
    }
  });

  test('a huge stride keeps chunks at the target size instead of one run of every step', () => {
    const chunks = [...planChunks(1e6, 1000, Number.MAX_SAFE_INTEGER, true, 1 << 21)];
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThanOrEqual(2097);
    expect(chunks.filter((c) => c.record)).toEqual([{ start: 0, length: 2097, record: true }]);
  });
});
