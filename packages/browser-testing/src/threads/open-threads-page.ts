import { fileURLToPath } from 'node:url';
import { conformanceFixtures } from '../conformance-fixtures.js';
import { type BrowserPage, openPage } from '../open-page.js';
import { CROSS_ORIGIN_ISOLATION } from '../serve.js';
import type { PageApi } from './page-api.js';

export type ThreadsPage = BrowserPage<PageApi>;

/** Opens threads/page.ts, served with the cross-origin isolation headers or without them. */
export function openThreadsPage(isolated: boolean): Promise<ThreadsPage> {
  return openPage<PageApi>({
    entry: fileURLToPath(new URL('./page.ts', import.meta.url)),
    extraEntries: { 'blocking-worker': fileURLToPath(new URL('./blocking-worker.ts', import.meta.url)) },
    global: 'synapticflowThreads',
    ...conformanceFixtures(),
    headers: isolated ? CROSS_ORIGIN_ISOLATION : {},
  });
}
