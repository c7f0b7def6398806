import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { bundlePage } from './bundle.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium.js';
import { type StaticServer, serveFolders } from './serve.js';

export interface OpenPageOptions {
  /** The page's entry module, bundled with esbuild into `/page.js` of an otherwise empty page. */
  entry: string;
  /** More modules bundled beside it, by output name (`{ worker: … }` is served as `/worker.js`). */
  extraEntries?: Readonly<Record<string, string>>;
  /** The window property the page sets to its API once it is ready. */
  global: string;
  shims?: Readonly<Record<string, string>>;
  /** More folders to serve, by URL prefix. */
  folders?: Readonly<Record<string, string>>;
  /** Headers on every response (see CROSS_ORIGIN_ISOLATION). */
  headers?: Readonly<Record<string, string>>;
  /** How long the page may take to set its API (default 30 s). */
  startTimeoutMs?: number;
}

type PageFunction = (...args: never[]) => unknown;
type Fn<Api, K extends keyof Api> = Extract<Api[K], PageFunction>;

export interface BrowserPage<Api> {
  readonly page: Page;
  /** Calls a function of the page's API; arguments and result must be serialisable. */
  call<K extends keyof Api & string>(
    name: K,
    ...args: Parameters<Fn<Api, K>>
  ): Promise<Awaited<ReturnType<Fn<Api, K>>>>;
  close(): Promise<void>;
}

/** Bundles the entry, serves it on 127.0.0.1 and opens it in headless Chromium; `close` undoes all three. */
export async function openPage<Api>(options: OpenPageOptions): Promise<BrowserPage<Api>> {
  const folder = await mkdtemp(join(tmpdir(), 'synapticflow-page-'));
  let server: StaticServer | undefined;
  let browser: Browser | undefined;
  const cleanUp = async () => {
    await browser?.close();
    await server?.close();
    await rm(folder, { recursive: true, force: true });
  };
  try {
    await bundlePage({
      entries: { ...options.extraEntries, page: options.entry },
      outdir: folder,
      shims: options.shims ?? {},
    });
    await writeFile(
      join(folder, 'index.html'),
      '<!doctype html><html><body><script type="module" src="/page.js"></script></body></html>',
    );
    server = await serveFolders({
      root: folder,
      folders: options.folders ?? {},
      headers: options.headers ?? {},
    });
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS] });
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(server.url);
    await page
      .waitForFunction((property) => property in window, options.global, {
        timeout: options.startTimeoutMs ?? 30_000,
      })
      .catch(() => {
        throw new Error(`the test page did not start: ${errors.join('; ') || 'no error reported'}`);
      });
    return {
      page,
      call: (name, ...args) =>
        page.evaluate(
          ([property, fn, fnArgs]) =>
            (window as unknown as Record<string, Record<string, (...a: unknown[]) => unknown>>)[property]![
              fn
            ]!(...fnArgs),
          [options.global, name, args as unknown[]] as const,
        ) as never,
      close: cleanUp,
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}
