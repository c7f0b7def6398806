import { afterAll, beforeAll, expect, test } from 'vitest';
import { describeInChromium } from '../vitest.js';
import { openThreadsPage, type ThreadsPage } from './open-threads-page.js';

describeInChromium('threads on a page that is not cross-origin isolated', () => {
  let page: ThreadsPage;
  beforeAll(async () => {
    page = await openThreadsPage(false);
  }, 120_000);
  afterAll(async () => {
    await page?.close();
  });

  test('the page has no SharedArrayBuffer', async () => {
    const environment = await page.call('environment');
    expect(environment.crossOriginIsolated).toBe(false);
    expect(environment.sharedArrayBuffer).toBe(false);
  });

  for (const backend of ['js', 'wasm'] as const) {
    test(`a threaded ${backend} population is a BackendError that names the headers`, async () => {
      const error = await page.call('threadedCreationError', backend);
      expect(error).toMatchObject({ name: 'BackendError', code: 'BACKEND' });
      expect(error!.message).toContain(`${backend} backend: threads need SharedArrayBuffer`);
      expect(error!.message).toContain('"Cross-Origin-Opener-Policy: same-origin"');
      expect(error!.message).toContain('"Cross-Origin-Embedder-Policy: require-corp"');
    });
  }
});
