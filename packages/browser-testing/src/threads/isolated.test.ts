import { afterAll, beforeAll, expect, test } from 'vitest';
import { describeInChromium } from '../vitest.js';
import { openThreadsPage, type ThreadsPage } from './open-threads-page.js';

describeInChromium('threads on Web Workers, cross-origin isolated page', () => {
  let page: ThreadsPage;
  beforeAll(async () => {
    page = await openThreadsPage(true);
  }, 120_000);
  afterAll(async () => {
    await page?.close();
  });

  test('the page is cross-origin isolated, with SharedArrayBuffer and Atomics.waitAsync', async () => {
    expect(await page.call('environment')).toEqual({
      crossOriginIsolated: true,
      sharedArrayBuffer: true,
      waitAsync: true,
    });
  });

  for (const backend of ['js', 'wasm'] as const) {
    for (const dtype of ['float32', 'float64'] as const) {
      test(`${backend} ${dtype} on 2 threads via runAsync is bit-identical to one thread`, async () => {
        const result = await page.call('compareThreads', backend, dtype);
        expect(result.description).toContain('2 threads');
        // The main thread may not block in Atomics.wait: runs are asynchronous, and run()/forward() say so.
        expect(result.synchronousRuns).toBe(false);
        const advice = `BackendError: backend "${backend}" runs asynchronously; use runAsync() instead of`;
        expect(result.runError).toBe(`${advice} run()`);
        expect(result.forwardError).toBe(`${advice} forward()`);
        expect(result.differing).toEqual([]);
        expect(result.compared).toEqual(
          expect.arrayContaining(['spikes', 'recorded', 'perNeuronTraces', 'callbackSpikes', 'v', 'traces']),
        );
        expect(result.values).toBeGreaterThan(100_000);
        expect(result.spikes).toBeGreaterThan(0);
        // One Web Worker from a blob URL, ended by dispose().
        expect(result.workers).toEqual({ started: 1, fromBlob: 1, terminated: 1 });
      });
    }
  }
});
