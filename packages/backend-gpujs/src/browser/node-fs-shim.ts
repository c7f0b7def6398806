/**
 * Stands in for node:fs/promises in the browser bundle: the conformance package loads its reference
 * traces with readFile(url), and the test's server serves the same files over HTTP.
 */
export async function readFile(url: URL | string): Promise<string> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`could not load ${String(url)}: HTTP ${response.status}`);
  return response.text();
}
