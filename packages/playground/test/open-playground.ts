import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_ARGS, CHROMIUM_PATH, serveFolders } from '@synapticflow/browser-testing';
import { type Browser, chromium, type Page } from 'playwright-core';
import { build, createServer, preview } from 'vite';

export const PACKAGE_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const ARTIFACTS = join(PACKAGE_ROOT, 'test-artifacts');

/** Builds the static site with the package's own vite config into a fresh folder. */
export async function buildSite(): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), 'synapticflow-playground-'));
  await build({ root: PACKAGE_ROOT, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  return outDir;
}

export interface Served {
  url: string;
  close(): Promise<void>;
}

/** The site on `vite preview` (which sends the cross-origin isolation headers of vite.config.ts). */
export async function previewSite(outDir: string): Promise<Served> {
  const server = await preview({
    root: PACKAGE_ROOT,
    logLevel: 'warn',
    build: { outDir },
    preview: { port: 0, host: '127.0.0.1', strictPort: false },
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report its URL');
  return { url, close: () => server.close() };
}

/** The dev server of `pnpm --filter playground dev`, serving the sources unbundled. */
export async function devServer(): Promise<Served> {
  const server = await createServer({
    root: PACKAGE_ROOT,
    logLevel: 'error',
    server: { port: 0, host: '127.0.0.1', strictPort: false },
  });
  await server.listen();
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('the vite dev server did not report its URL');
  return { url, close: () => server.close() };
}

/** The same site from a plain server without those headers: a page that is not cross-origin isolated. */
export function serveWithoutIsolation(outDir: string): Promise<Served> {
  return serveFolders({ root: outDir });
}

export interface OpenBrowser {
  browser: Browser;
  page: Page;
  /** Console errors and uncaught exceptions of the page so far. */
  errors: string[];
}

export async function openBrowser(): Promise<OpenBrowser> {
  // WebGL on SwiftShader (no GPU here) needs the explicit opt-in of recent Chromium versions.
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, '--enable-unsafe-swiftshader'],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 1300 } });
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return { browser, page, errors };
}
