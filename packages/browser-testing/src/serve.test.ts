import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { CROSS_ORIGIN_ISOLATION, type StaticServer, serveFolders } from './serve.js';

let root: string;
let extra: string;
let server: StaticServer;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'serve-root-'));
  extra = await mkdtemp(join(tmpdir(), 'serve-extra-'));
  await writeFile(join(root, 'index.html'), '<p>page</p>');
  await writeFile(join(root, 'page.js'), 'export {};');
  await writeFile(join(extra, 'trace.json'), '[1]');
  server = await serveFolders({ root, folders: { '/fixtures/': extra }, headers: CROSS_ORIGIN_ISOLATION });
});
afterAll(async () => {
  await server.close();
  await rm(root, { recursive: true, force: true });
  await rm(extra, { recursive: true, force: true });
});

test('serves index.html at /, other files with their type, and extra folders by prefix', async () => {
  const index = await fetch(server.url);
  expect(await index.text()).toBe('<p>page</p>');
  expect(index.headers.get('content-type')).toBe('text/html');
  expect((await fetch(`${server.url}page.js`)).headers.get('content-type')).toBe('text/javascript');
  const trace = await fetch(`${server.url}fixtures/trace.json`);
  expect(trace.headers.get('content-type')).toBe('application/json');
  expect(await trace.json()).toEqual([1]);
});

test('sends the given headers with every response, errors included', async () => {
  for (const path of ['', 'page.js', 'missing.js']) {
    const response = await fetch(`${server.url}${path}`);
    expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(response.headers.get('cross-origin-embedder-policy')).toBe('require-corp');
  }
});

test('missing files are 404 and paths with .. are refused', async () => {
  expect((await fetch(`${server.url}missing.js`)).status).toBe(404);
  expect((await fetch(`${server.url}fixtures/`)).status).toBe(404);
  expect((await fetch(`${server.url}a..b.js`)).status).toBe(403);
});
