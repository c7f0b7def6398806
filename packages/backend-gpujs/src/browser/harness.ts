import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { type Browser, chromium, type Page } from 'playwright-core';
import type { PageApi } from './page-api.js';

/** Debian's Chromium; CI installs it with apt. Playwright's own browser downloads are never used. */
export const CHROMIUM_PATH = '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu', // no GPU on CI machines: WebGL2 runs on SwiftShader, Chromium's software rasterizer
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface TestPage {
  page: Page;
  /** Calls a function of the page's API (`window.synapticflowGpujs`); arguments and result serialisable. */
  call<K extends keyof PageApi>(
    name: K,
    ...args: Parameters<PageApi[K]>
  ): Promise<Awaited<ReturnType<PageApi[K]>>>;
  close(): Promise<void>;
}

const here = dirname(fileURLToPath(import.meta.url));

/**
 * Bundles src/browser/page.ts with esbuild into a temporary folder, serves it (and the conformance
 * package's reference traces, which the suite fetches through the node:fs shim) on 127.0.0.1, and opens it
 * in headless Chromium. `sourceDir` is this folder, for callers that bundled this file elsewhere.
 */
export async function openTestPage(options: { sourceDir?: string } = {}): Promise<TestPage> {
  const sources = options.sourceDir ?? here;
  const folder = await mkdtemp(join(tmpdir(), 'synapticflow-gpujs-'));
  let server: Server | undefined;
  let browser: Browser | undefined;
  try {
    await build({
      entryPoints: [join(sources, 'page.ts')],
      outfile: join(folder, 'page.js'),
      bundle: true,
      format: 'esm', // keeps import.meta.url, which the conformance package resolves its fixtures against
      platform: 'browser',
      target: 'es2022',
      logLevel: 'silent',
      plugins: [
        {
          name: 'node-fs-shim',
          setup(bundler) {
            bundler.onResolve({ filter: /^node:fs\/promises$/ }, () => ({
              path: join(sources, 'node-fs-shim.ts'),
            }));
          },
        },
      ],
    });
    await writeFile(
      join(folder, 'index.html'),
      '<!doctype html><html><body><script type="module" src="/page.js"></script></body></html>',
    );
    const require = createRequire(import.meta.url);
    const fixtures = join(dirname(require.resolve('@synapticflow/conformance/package.json')), 'fixtures');
    server = await serve(folder, fixtures);
    const { port } = server.address() as AddressInfo;
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`http://127.0.0.1:${port}/`);
    await page
      .waitForFunction(() => 'synapticflowGpujs' in window, undefined, { timeout: 30_000 })
      .catch(() => {
        throw new Error(`the test page did not start: ${errors.join('; ') || 'no error reported'}`);
      });
    const openedServer = server;
    const openedBrowser = browser;
    return {
      page,
      call: (name, ...args) =>
        page.evaluate(
          ([fn, fnArgs]) =>
            (window as unknown as { synapticflowGpujs: Record<string, (...a: unknown[]) => unknown> })
              .synapticflowGpujs[fn as string]!(...(fnArgs as unknown[])),
          [name, args] as const,
        ) as never,
      async close() {
        await openedBrowser.close();
        await new Promise<void>((resolve) => openedServer.close(() => resolve()));
        await rm(folder, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await browser?.close();
    server?.close();
    await rm(folder, { recursive: true, force: true });
    throw error;
  }
}

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.json': 'application/json',
};

/** Serves the bundle folder at / and the conformance fixtures at /fixtures/, on a free port of 127.0.0.1. */
function serve(folder: string, fixtures: string): Promise<Server> {
  const server = createServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const file = path.startsWith('/fixtures/')
      ? join(fixtures, path.slice('/fixtures/'.length))
      : join(folder, path === '/' ? 'index.html' : path);
    if (path.includes('..')) {
      response.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      response.writeHead(200, { 'content-type': TYPES[file.slice(file.lastIndexOf('.'))] ?? 'text/plain' });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}
