import { beforeAll, expect, test } from 'vitest';
import { describeInChromium } from '../vitest.js';
import { openThreadsPage } from './open-threads-page.js';
import type { WorkerRun } from './page-api.js';

describeInChromium('threads in a dedicated worker of a cross-origin isolated page', () => {
  const runs: Partial<Record<'js' | 'wasm', WorkerRun>> = {};
  beforeAll(async () => {
    const page = await openThreadsPage(true);
    try {
      for (const backend of ['js', 'wasm'] as const)
        runs[backend] = await page.call('runInWorker', backend, 3000);
    } finally {
      await page.close();
    }
  }, 120_000);

  for (const backend of ['js', 'wasm'] as const) {
    test(`${backend}: a worker may block, so threaded runs there are synchronous`, () => {
      expect(runs[backend]!.description).toContain('3 threads');
      expect(runs[backend]!.synchronousRuns).toBe(true);
    });

    // Chromium starts a worker's nested workers through that worker's event loop: until they have started,
    // a blocking caller runs alone (WorkerTeam.ready) instead of waiting for them forever.
    test(`${backend}: a run right after creating the population returns`, () => {
      expect(runs[backend]!.finished).toBe(true);
    });
  }
});
