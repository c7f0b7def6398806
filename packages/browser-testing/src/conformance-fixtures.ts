import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The `folders` of `openPage` that let a page run the shared suite's reference cases: the conformance package
 * fetches its reference traces relative to its own module, which in a bundle is /page.js, so the server has
 * them at /fixtures/.
 */
export function conformanceFixtures(): { folders: Record<string, string> } {
  const require = createRequire(import.meta.url);
  const root = dirname(require.resolve('@synapticflow/conformance/package.json'));
  return { folders: { '/fixtures/': join(root, 'fixtures') } };
}
