import { build } from 'esbuild';
import { describe, expect, test } from 'vitest';

/** Bundles a module for browsers as a page would (esbuild, platform browser) and returns the output. */
async function bundleForBrowser(source: string): Promise<{ code: string; errors: string[] }> {
  const result = await build({
    stdin: { contents: source, resolveDir: import.meta.dirname, loader: 'js' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  }).catch((error: { errors?: { text: string }[] }) => ({
    outputFiles: [],
    errors: error.errors ?? [{ text: String(error) }],
  }));
  return {
    code: result.outputFiles[0]?.text ?? '',
    errors: result.errors.map((e) => e.text),
  };
}

describe('@synapticflow/conformance in a browser bundle', () => {
  test('bundles for platform browser with no Node built-in left, and no shim', async () => {
    const { code, errors } = await bundleForBrowser(
      "export { SUITE_CASES, loadReferenceTrace, describeConformance, runConformance } from '@synapticflow/conformance';",
    );
    expect(errors).toEqual([]);
    expect(code).not.toMatch(/\bfrom\s*["']node:|import\(\s*["']node:|require\(\s*["']node:/);
    // The reference traces stay files beside the package, loaded as JSON modules at run time.
    expect(code).toContain('../fixtures/reference/');
    expect(code).toContain('await fetch(url)');
  });
});
