import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Stands in for node:fs/promises in a page: the conformance package loads its reference traces with
 * readFile(url), relative to its own module, which in a bundle is /page.js; the server has them at /fixtures/.
 */
const FETCH_READ_FILE = `export async function readFile(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error('could not load ' + String(url) + ': HTTP ' + response.status);
  return response.text();
}`;

/** The `shims` and `folders` of `openPage` that let a page run the shared suite's reference cases. */
export function conformanceFixtures(): {
  shims: Record<string, string>;
  folders: Record<string, string>;
} {
  const require = createRequire(import.meta.url);
  const root = dirname(require.resolve('@synapticflow/conformance/package.json'));
  return {
    shims: { 'node:fs/promises': FETCH_READ_FILE },
    folders: { '/fixtures/': join(root, 'fixtures') },
  };
}
