import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserPage, conformanceFixtures, openPage } from '@synapticflow/browser-testing';
import type { PageApi } from './page-api.js';

export type TestPage = BrowserPage<PageApi>;

const here = dirname(fileURLToPath(import.meta.url));

/**
 * Opens src/browser/page.ts in headless Chromium, with the conformance package's reference traces served for
 * the suite's reference cases. `sourceDir` is this folder, for callers that bundled this file elsewhere.
 */
export function openTestPage(options: { sourceDir?: string } = {}): Promise<TestPage> {
  return openPage<PageApi>({
    entry: join(options.sourceDir ?? here, 'page.ts'),
    global: 'synapticflowGpujs',
    ...conformanceFixtures(),
  });
}
